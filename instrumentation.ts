// Runs once when the Next.js server starts: migrate the database and create the demo
// workspace on first start, so the portal is usable with zero setup.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { closeDb, getDb } = await import("./db/client");
  const { env } = await import("./server/env");
  const db = await getDb();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void closeDb().finally(() => process.exit(0)));
  }
  if (env.SEED_DEMO !== "true") return;
  const { ensureDemoWorkspace, DEMO_USERS } = await import("./server/demo/seed");
  const { created } = await ensureDemoWorkspace(db);
  if (created) {
    console.log("Demo workspace created. Sign in with:");
    for (const u of Object.values(DEMO_USERS)) console.log(`  ${u.email} / ${u.password}`);
  }
}
