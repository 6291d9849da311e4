import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import base, { APP, INNGEST_PORT, SANDBOX_PORT, SANDBOX_SFTP_PORT, inngestBin, portalEnv } from "./playwright.config";

// The campaign spec again, on the same build, with Inngest in production mode: started by
// scripts/start-production.mjs exactly as `npm run start:production -- --sandbox` starts it
// (`inngest start` on Redis and PostgreSQL, the portal signed and not in dev mode). Inngest's
// own state lives in the database and Redis index named below, which scripts/test.sh empties
// before the run (scripts/fresh-e2e-db.mjs), as it does the portal's database.
const redisUri = process.env.E2E_INNGEST_REDIS_URI;
const postgresUri = process.env.E2E_INNGEST_POSTGRES_URI;
if (!redisUri || !postgresUri)
  throw new Error(
    "Set E2E_INNGEST_REDIS_URI and E2E_INNGEST_POSTGRES_URI for inngest start's own state, or run `npm test`.",
  );

export default defineConfig({
  ...base,
  testMatch: "campaigns/campaign.spec.ts",
  webServer: {
    command: "node scripts/start-production.mjs --sandbox",
    wait: { stdout: /Switchboard is ready/ },
    env: {
      ...portalEnv,
      PORT: new URL(APP).port,
      SANDBOX_PORT,
      SANDBOX_SFTP_PORT,
      INNGEST_BIN: inngestBin,
      INNGEST_PORT,
      INNGEST_SIGNING_KEY: randomBytes(32).toString("hex"),
      INNGEST_EVENT_KEY: randomBytes(16).toString("hex"),
      INNGEST_REDIS_URI: redisUri,
      INNGEST_POSTGRES_URI: postgresUri,
      // Off the engine's default Connect ports, which a dev server on this machine holds, and
      // below Linux's ephemeral range (32768-60999): a port in it can be taken by any outgoing
      // connection of the moment, and the engine then fails to start ("address already in use").
      INNGEST_CONNECT_GATEWAY_PORT: "8299",
      INNGEST_CONNECT_GATEWAY_GRPC_PORT: "18292",
      INNGEST_CONNECT_EXECUTOR_GRPC_PORT: "18293",
      // The engine logs every event at info; warnings are what a failed run needs.
      LOG_LEVEL: "warn",
      DO_NOT_TRACK: "1",
    },
    timeout: 120_000,
    // The script stops the processes it started on SIGTERM (each leads a process group of its
    // own, scripts/processes.mjs); Playwright's default, SIGKILL, left them holding their ports.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    reuseExistingServer: false,
  },
});
