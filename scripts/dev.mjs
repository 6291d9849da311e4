// `npm run dev`: the vendor sandbox, the Inngest dev server and Next.js together, all
// stopped on Ctrl-C. Each line of output is prefixed with the process it came from.
import { execFileSync, spawn } from "node:child_process";

const NEXT_PORT = process.env.PORT ?? "3000";
const children = [];

function run(name, command, args, env = {}) {
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

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

run("sandbox", "npx", ["tsx", "server/sandbox/main.ts"]);

let inngestBin;
try {
  inngestBin = execFileSync("bash", ["scripts/inngest-server.sh"], { stdio: ["ignore", "pipe", "inherit"] }).toString().trim();
} catch {
  console.warn("[dev] The Inngest dev server could not be provided (see above): background jobs will not run.");
}
if (inngestBin) {
  run("inngest", inngestBin, ["dev", "--no-discovery", "-u", `http://127.0.0.1:${NEXT_PORT}/api/inngest`]);
}
run("next", "npx", ["next", "dev", "-p", NEXT_PORT], { INNGEST_DEV: "1" });
