import { closeDb, getDb } from "@/db/client";
import { ensureDemoWorkspace } from "./demo/seed";
import { DEMO_USERS } from "./demo/users";
import { registerAllSandboxWebhooks } from "./domains/integration/register-sandbox-webhooks";
import { env, productionRefusals, seedDemo } from "./env";

/**
 * Refuses an unsafe production start, then migrates the database and, on first start (when
 * asked for), creates the demo workspace.
 */
export async function onServerStart(): Promise<void> {
  const refusals = productionRefusals();
  if (refusals.length > 0) {
    console.error(`Switchboard will not start in production:\n${refusals.map((r) => `  - ${r}`).join("\n")}`);
    process.exit(1);
  }
  const db = await getDb();
  // PGlite must be closed cleanly, or its directory may not open again.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void closeDb().finally(() => process.exit(0)));
  }
  if (seedDemo()) {
    const { created } = await ensureDemoWorkspace(db);
    if (created) {
      console.log("Demo workspace created. Sign in with:");
      for (const u of Object.values(DEMO_USERS)) console.log(`  ${u.email} / ${u.password}`);
    }
  }
  // Not awaited: the portal serves pages while the sandbox (a separate process) comes up.
  void registerAllSandboxWebhooks(db).catch((error: unknown) =>
    console.warn(
      `Sandbox webhooks not registered (is the sandbox at ${env.SANDBOX_URL} running?):`,
      (error as Error).message,
    ),
  );
}
