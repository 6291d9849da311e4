// Runs the processes of `npm run dev` and `npm run start:production` together: each line of
// output is prefixed with the process it came from, and when one exits, or on Ctrl-C, all
// are stopped.
import { spawn } from "node:child_process";

const children = [];
let stopping = false;

/** Starts a process; `env` is added to this process's environment (undefined unsets). */
export function run(name, command, args, env = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk) => {
      for (const line of chunk.toString().split("\n")) if (line) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on("exit", (code) => {
    process.stdout.write(`[${name}] exited with ${code}\n`);
    shutdown(code ?? 1);
  });
  children.push(child);
}

export function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500);
}

process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
