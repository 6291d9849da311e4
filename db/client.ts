import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export { schema };

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
// Serialises migrations when several processes (server, tests) start against one PostgreSQL.
const MIGRATION_LOCK = 7_311_004;

type Handle = { db: Db; close: () => Promise<void> };

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // One dedicated connection holds the lock for the whole migration.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle({ client: migrator }), { migrationsFolder: MIGRATIONS });
  } finally {
    await migrator.end();
  }
  const client = postgres(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
  return { db: drizzle({ client, schema }) as unknown as Db, close: () => client.end() };
}

async function openPglite(dir: string): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (dir !== "memory://") mkdirSync(dir, { recursive: true });
  // The migrations create pg_trgm (trigram indexes for segment "contains"), as on PostgreSQL.
  const client = new PGlite(dir, { extensions: { pg_trgm } });
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return { db: db as unknown as Db, close: () => client.close() };
}

// Process-wide, not module-wide: Next.js bundles route handlers, server actions and pages
// separately, and each bundle would otherwise open its own PGlite on the same directory,
// each with a private view of the data.
const store = globalThis as typeof globalThis & { __switchboardDb?: Promise<Handle> };

/**
 * The one database of this process, opened and migrated on first use.
 * DATABASE_URL -> PostgreSQL through postgres.js; unset -> embedded PGlite under PGLITE_DIR
 * (default .data/pglite; "memory://" keeps it in memory, as the unit tests do).
 */
export function getDb(): Promise<Db> {
  store.__switchboardDb ??= process.env.DATABASE_URL
    ? openPostgres(process.env.DATABASE_URL)
    : openPglite(process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite"));
  return store.__switchboardDb.then((h) => h.db);
}

/** Closes the database; PGlite must be closed cleanly or its directory may not reopen. */
export async function closeDb(): Promise<void> {
  const handle = store.__switchboardDb;
  if (!handle) return;
  store.__switchboardDb = undefined;
  await (await handle).close();
}
