// Runs the processes of `npm run dev` and `npm run start:production` together: each line of
// output is prefixed with the process it came from (or written to a log file), and when one
// exits, or on Ctrl-C or SIGTERM, all are stopped.
//
// Each child leads its own process group and a stop signals the whole group: `npx next dev`
// is npx, then Next.js, then its workers, and a signal to npx alone left Next.js holding its
// port. Ctrl-C in a terminal no longer reaches the children directly (they are not in the
// terminal's group), so this process forwards it once, to every group, and waits for them.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";

const STOP_GRACE_MS = 5_000;
const children = [];
let stopping = false;

/**
 * Starts a process; `env` is added to this process's environment (undefined unsets). With
 * `logFile`, its output goes to that file instead of this terminal.
 */
export function run(name, command, args, env = {}, { logFile } = {}) {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log;
  if (logFile) {
    mkdirSync(path.dirname(logFile), { recursive: true });
    log = createWriteStream(logFile, { flags: "w" });
  }
  for (const stream of [child.stdout, child.stderr]) {
    if (log) stream.pipe(log, { end: false });
    else
      stream.on("data", (chunk) => {
        for (const line of chunk.toString().split("\n")) if (line) process.stdout.write(`[${name}] ${line}\n`);
      });
  }
  child.on("exit", (code, signal) => {
    if (!stopping) {
      process.stdout.write(`[${name}] exited with ${code ?? signal}${logFile ? ` (its log: ${logFile})` : ""}\n`);
    }
    void shutdown(code ?? 1);
  });
  children.push(child);
}

/** False once no process of the child's group is left. */
function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops every child's process group and exits: SIGTERM, then SIGKILL to whatever is left of a
 * group after a grace period (a group outlives its leader while Next.js's workers wind down).
 */
export async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) signalGroup(child, "SIGTERM");
  const deadline = Date.now() + STOP_GRACE_MS;
  while (Date.now() < deadline && children.some((child) => signalGroup(child, 0))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const child of children) signalGroup(child, "SIGKILL");
  process.exit(code);
}

process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
// `npm run` starts this through a shell, and a signal npm forwards to it can end the shell
// alone: this process is then handed to another parent, which is when it stops the rest.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown(0);
}, 500).unref();
