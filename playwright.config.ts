import { defineConfig } from "@playwright/test";

// The e2e suite runs the production build (`next build` first; scripts/test.sh does it) with
// the vendor sandbox and the real Inngest dev server (scripts/inngest-server.sh provides it;
// scripts/test.sh passes its path). Ports differ from `npm run dev` so both can run at once.
// playwright.production.config.ts reuses these settings for its run on `inngest start`.
export const APP = "http://127.0.0.1:3210";
export const SANDBOX_PORT = "4110";
export const SANDBOX_SFTP_PORT = "4122";
export const INNGEST_PORT = "8298";
export const inngestBin = process.env.E2E_INNGEST_BIN ?? "";
if (!inngestBin)
  throw new Error(
    "Set E2E_INNGEST_BIN to the Inngest dev server (bash scripts/inngest-server.sh prints its path), or run `npm test`.",
  );

/** What the portal under test needs whichever way Inngest runs. */
export const portalEnv: Record<string, string> = {
  NEXT_TELEMETRY_DISABLED: "1",
  APP_URL: APP,
  SANDBOX_URL: `http://127.0.0.1:${SANDBOX_PORT}`,
  DATA_DIR: ".data/e2e",
  PGLITE_DIR: ".data/e2e/pglite",
  // `next start` is production: the demo workspace and test mode are asked for, and the secrets
  // set (these are for tests only), as a production server refuses to start without them.
  SEED_DEMO: "true",
  ALLOW_SANDBOX_INTEGRATIONS: "true",
  AUTH_SECRET: "e2e-only-auth-secret-not-for-any-real-server",
  SECRETS_KEYS: `e2e:${Buffer.alloc(32, 7).toString("base64")}`,
  ERASURE_HASH_KEY: Buffer.alloc(32, 8).toString("base64"),
};
if (process.env.E2E_DATABASE_URL) portalEnv.DATABASE_URL = process.env.E2E_DATABASE_URL;

export default defineConfig({
  testDir: "e2e",
  // One shared server and database: specs run one at a time on this 2-core budget.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: APP,
    // Sonner's toasts (and any other motion) appear at once: axe checks each page as it loads, and
    // a toast caught fading in measures below its real contrast.
    reducedMotion: "reduce",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: "npx tsx server/sandbox/main.ts",
      url: `http://127.0.0.1:${SANDBOX_PORT}/health`,
      env: { SANDBOX_PORT, SANDBOX_SFTP_PORT },
      reuseExistingServer: false,
    },
    {
      // Its Connect gRPC ports default to 50052/50053, inside Linux's ephemeral range, where an
      // outgoing connection can hold them at start: fixed ones below it instead.
      command: `${inngestBin} dev --no-discovery --port ${INNGEST_PORT} --connect-gateway-grpc-port 18052 --connect-executor-grpc-port 18053 -u ${APP}/api/inngest`,
      url: `http://127.0.0.1:${INNGEST_PORT}`,
      reuseExistingServer: false,
    },
    {
      // Idle connections kept as scripts/start-production.mjs keeps them (and says why).
      command: "npx next start -H 127.0.0.1 -p 3210 --keepAliveTimeout 65000",
      url: `${APP}/login`,
      env: { ...portalEnv, INNGEST_DEV: "1", INNGEST_BASE_URL: `http://127.0.0.1:${INNGEST_PORT}` },
      timeout: 120_000,
      stdout: "pipe",
      reuseExistingServer: false,
    },
  ],
});
