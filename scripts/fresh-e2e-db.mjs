// Gives the e2e run an empty database: the PGlite folder is removed, or, when
// E2E_DATABASE_URL is set, that database is dropped and created again.
import { rmSync } from "node:fs";
import postgres from "postgres";

rmSync(".data/e2e", { recursive: true, force: true });
const url = process.env.E2E_DATABASE_URL;
if (url) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^\w+$/.test(name)) throw new Error(`E2E_DATABASE_URL names an unusual database: ${name}`);
  const server = new URL(url);
  server.pathname = "/postgres";
  const sql = postgres(server.toString(), { max: 1, onnotice: () => {} });
  await sql.unsafe(`drop database if exists ${name} with (force)`);
  await sql.unsafe(`create database ${name}`);
  await sql.end();
}
