import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "../fixtures/test";
import { ADMIN } from "../fixtures/users";

// The same production build the suite runs on, started a second time, on its own port and an
// in-memory database, with only what a fresh production machine would have.
const PORT = "3297";
const NEXT_CLI = path.join(process.cwd(), "node_modules/next/dist/bin/next");
const ORIGIN = `http://127.0.0.1:${PORT}`;

function startProduction(extra: Record<string, string>) {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "switchboard-production-")),
    PGLITE_DIR: "memory://",
    ...extra,
  };
  // Node itself runs Next's CLI (no npx in between), so stopping the child stops the server.
  const child = spawn(process.execPath, [NEXT_CLI, "start", "-H", "127.0.0.1", "-p", PORT], { env });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

let running: { child: ChildProcess; exited: Promise<number | null> } | null = null;
test.afterEach(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill("SIGTERM");
    await running.exited;
  }
  running = null;
});

test("a production start without AUTH_SECRET, SECRETS_KEYS and ERASURE_HASH_KEY refuses to start and says what to set", async () => {
  const server = startProduction({});
  running = server;
  expect(await server.exited).toBe(1);
  expect(server.output()).toContain("Switchboard will not start in production");
  expect(server.output()).toContain("AUTH_SECRET is not set");
  expect(server.output()).toContain("SECRETS_KEYS is not set");
  expect(server.output()).toContain("ERASURE_HASH_KEY is not set");
});

test("with its secrets set it starts, and the demo admin sign-in does not exist", async ({ page }) => {
  const server = startProduction({
    AUTH_SECRET: "production-spec-auth-secret-0123456789abcdef",
    SECRETS_KEYS: `k1:${Buffer.alloc(32, 9).toString("base64")}`,
    ERASURE_HASH_KEY: Buffer.alloc(32, 10).toString("base64"),
    APP_URL: ORIGIN,
  });
  running = server;
  await expect
    .poll(
      async () => {
        const res = await fetch(`${ORIGIN}/login`).catch(() => null);
        return res?.status ?? `not answering: ${server.output().slice(-300)}`;
      },
      { timeout: 60_000 },
    )
    .toBe(200);
  await page.goto(`${ORIGIN}/login`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  expect(server.output()).not.toContain("Demo workspace created");
});
