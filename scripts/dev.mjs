// `npm run dev`: the vendor sandbox, the Inngest dev server and Next.js together, all
// stopped on Ctrl-C or SIGTERM. Each line of output is prefixed with the process it came
// from; the Inngest dev server's, a JSON line per event and step, goes to a file instead.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { run } from "./processes.mjs";

const NEXT_PORT = process.env.PORT ?? "3000";
const INNGEST_LOG = path.join(process.env.DATA_DIR || ".data", "inngest-dev.log");

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
  run(
    "inngest",
    inngestBin,
    ["dev", "--no-discovery", "-u", `http://127.0.0.1:${NEXT_PORT}/api/inngest`],
    {},
    {
      logFile: INNGEST_LOG,
    },
  );
  console.log(`[dev] The Inngest dev server's log is in ${INNGEST_LOG}; its dashboard is http://127.0.0.1:8288`);
}
run("next", "npx", ["next", "dev", "-p", NEXT_PORT], { INNGEST_DEV: "1" });
