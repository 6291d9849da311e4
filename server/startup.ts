import { closeDb, getDb } from "@/db/client";
import { ensureDemoWorkspace } from "./demo/seed";
import { DEMO_USERS } from "./demo/users";
import { registerAllSandboxWebhooks } from "./domains/integration/register-sandbox-webhooks";
import { env } from "./env";

/** Migrates the database and, on first start, creates the demo workspace. */
export async function onServerStart(): Promise<void> {
  const db = await getDb();
  // PGlite must be closed cleanly, or its directory may not open again.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void closeDb().finally(() => process.exit(0)));
  }
  if (env.SEED_DEMO === "true") {
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
