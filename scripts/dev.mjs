// `npm run dev`: the vendor sandbox, the Inngest dev server and Next.js together, all
// stopped on Ctrl-C. Each line of output is prefixed with the process it came from.
import { execFileSync } from "node:child_process";
import { run } from "./processes.mjs";

const NEXT_PORT = process.env.PORT ?? "3000";

run("sandbox", "npx", ["tsx", "server/sandbox/main.ts"]);

let inngestBin;
try {
  inngestBin = execFileSync("bash", ["scripts/inngest-server.sh"], { stdio: ["ignore", "pipe", "inherit"] })
    .toString()
    .trim();
} catch {
  console.warn("[dev] The Inngest dev server could not be provided (see above): background jobs will not run.");
}
if (inngestBin) {
  run("inngest", inngestBin, ["dev", "--no-discovery", "-u", `http://127.0.0.1:${NEXT_PORT}/api/inngest`]);
}
run("next", "npx", ["next", "dev", "-p", NEXT_PORT], { INNGEST_DEV: "1" });
