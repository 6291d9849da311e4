import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll } from "vitest";

// Every test file gets a fresh, migrated database of its own: an in-memory PGlite by default,
// or a new database on the PostgreSQL server named by DATABASE_URL, dropped afterwards.
process.env.SECRETS_KEYS ??= `test:${randomBytes(32).toString("base64")}`;
process.env.ERASURE_HASH_KEY ??= randomBytes(32).toString("base64");
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64");
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "switchboard-test-"));

if (process.env.DATABASE_URL) {
  const server = new URL(process.env.DATABASE_URL);
  const name = `sb_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const own = new URL(server);
  own.pathname = `/${name}`;
  process.env.DATABASE_URL = own.toString();
  afterAll(async () => {
    const { closeDb } = await import("@/db/client");
    await closeDb();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
} else {
  process.env.PGLITE_DIR = "memory://";
}
