// `npm run start:production [-- --sandbox]`: the portal in production mode on one machine.
// Starts the self-hosted Inngest engine (`inngest start`: run state and queues in Redis, apps
// and history in PostgreSQL), then `next start` talking to it in signed, non-dev mode, and
// with --sandbox the vendor sandbox for test-mode integrations. Needs `npm run build` first.
// Once the portal has synced its functions with the engine it prints "Switchboard is ready"
// (the production e2e run waits for that line). Any process exiting stops the others.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { run, shutdown } from "./processes.mjs";

const PORT = process.env.PORT || "3000";
const INNGEST_PORT = process.env.INNGEST_PORT || "8288";

// `inngest start` reads each of its flags from INNGEST_<FLAG> as well, so these reach it
// through the environment (keys and passwords stay out of `ps`), and the SDK in the portal
// reads the same two keys.
const required = {
  INNGEST_SIGNING_KEY: "hex, e.g. $(openssl rand -hex 32)",
  INNGEST_EVENT_KEY: "any string, e.g. $(openssl rand -hex 16)",
  INNGEST_REDIS_URI: "e.g. redis://127.0.0.1:6379/0",
  INNGEST_POSTGRES_URI: "e.g. postgres://postgres@127.0.0.1:5432/inngest (the database must exist)",
};
const missing = Object.keys(required).filter((name) => !process.env[name]);
if (missing.length > 0) {
  console.error(`[start] Set ${missing.map((name) => `\n  ${name}: ${required[name]}`).join("")}`);
  process.exit(1);
}
// The SDK takes an Inngest Cloud key's `signkey-<env>-` prefix or none; `inngest start` 1.44
// refuses the prefixed form (it checks the whole string is hex of even length).
if (!/^([0-9a-f]{2})+$/i.test(process.env.INNGEST_SIGNING_KEY)) {
  console.error(
    "[start] INNGEST_SIGNING_KEY must be plain hex of even length (no signkey-… prefix): inngest start refuses anything else.",
  );
  process.exit(1);
}
if (!existsSync(".next/BUILD_ID")) {
  console.error("[start] No production build: run `npm run build` first.");
  process.exit(1);
}
const inngestBin = execFileSync("bash", ["scripts/inngest-server.sh"], { stdio: ["ignore", "pipe", "inherit"] })
  .toString()
  .trim();

// --sandbox is test mode on purpose: the portal may then create and use sandbox integrations.
const sandbox = process.argv.includes("--sandbox");
if (sandbox) run("sandbox", "npx", ["tsx", "server/sandbox/main.ts"]);
// Bound to this machine: the engine's dashboard and GraphQL API have no sign-in. Its
// PostgreSQL pool keeps as many connections idle as it opens (its default keeps 10 of 100):
// under load it otherwise opened a new connection, a new PostgreSQL process, for most writes.
run("inngest", inngestBin, ["start", "--host", "127.0.0.1", "--port", INNGEST_PORT], {
  INNGEST_POSTGRES_MAX_OPEN_CONNS: process.env.INNGEST_POSTGRES_MAX_OPEN_CONNS ?? "30",
  INNGEST_POSTGRES_MAX_IDLE_CONNS: process.env.INNGEST_POSTGRES_MAX_IDLE_CONNS ?? "30",
});
// Idle connections stay open 65 s, not Node's 5 s: the engine and browsers reuse them, and a
// portal busy for seconds (an embedded PGlite query holds the event loop) otherwise closes
// sockets a request is already on its way down, which the caller sees as a reset (ECONNRESET,
// the engine's "EOF writing request to SDK"). 65 s outlasts a load balancer's usual 60 s.
run("next", "npx", ["next", "start", "-p", PORT, "--keepAliveTimeout", "65000"], {
  INNGEST_DEV: undefined,
  INNGEST_BASE_URL: `http://127.0.0.1:${INNGEST_PORT}`,
  // The engine calls the portal at APP_URL (app/api/inngest/route.ts): this port when unset.
  APP_URL: process.env.APP_URL || `http://localhost:${PORT}`,
  ...(sandbox ? { ALLOW_SANDBOX_INTEGRATIONS: process.env.ALLOW_SANDBOX_INTEGRATIONS ?? "true" } : {}),
});

// The engine learns the portal's functions when the portal registers them: a PUT to its
// serve endpoint makes the SDK send them, signed, to INNGEST_BASE_URL. Retried until both
// are up; the same PUT re-syncs after a deploy.
async function syncWithInngest() {
  const serveUrl = `http://127.0.0.1:${PORT}/api/inngest`;
  const deadline = Date.now() + 120_000;
  let answer = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(serveUrl, { method: "PUT" });
      if (response.ok) return;
      answer = `${response.status} ${await response.text()}`;
    } catch (error) {
      answer = error.cause?.code ?? error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The portal did not sync with Inngest within 2 minutes; last answer to PUT ${serveUrl}: ${answer}`);
}

try {
  await syncWithInngest();
  console.log(
    `[start] Switchboard is ready on port ${PORT}, its functions synced with Inngest at http://127.0.0.1:${INNGEST_PORT}`,
  );
} catch (error) {
  console.error(`[start] ${error.message}`);
  shutdown(1);
}
