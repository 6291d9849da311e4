// Gives the e2e run an empty database: the PGlite folder is removed, or, when
// E2E_DATABASE_URL is set, that database is dropped and created again. For the run on
// `inngest start` it also empties the engine's own state: the database named by
// E2E_INNGEST_POSTGRES_URI is recreated and the Redis database of E2E_INNGEST_REDIS_URI flushed.
import { rmSync } from "node:fs";
import { connect } from "node:net";
import { createInterface } from "node:readline";
import postgres from "postgres";

async function recreateDatabase(url, variable) {
  const name = new URL(url).pathname.slice(1);
  if (!/^\w+$/.test(name)) throw new Error(`${variable} names an unusual database: ${name}`);
  const server = new URL(url);
  server.pathname = "/postgres";
  const sql = postgres(server.toString(), { max: 1, onnotice: () => {} });
  await sql.unsafe(`drop database if exists ${name} with (force)`);
  await sql.unsafe(`create database ${name}`);
  await sql.end();
}

// One command at a time, each answer checked: redis-cli, when SELECT fails (index out of
// range), goes on to flush database 0 instead, and so would a pipelined FLUSHDB.
async function flushRedisDatabase(url) {
  const target = new URL(url);
  const index = target.pathname.slice(1);
  if (!/^\d+$/.test(index))
    throw new Error(`E2E_INNGEST_REDIS_URI must name a database index (redis://host:6379/15): ${url}`);
  const socket = connect(Number(target.port || 6379), target.hostname);
  const answers = createInterface({ input: socket })[Symbol.asyncIterator]();
  const send = async (...args) => {
    socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`);
    const { value } = await answers.next();
    if (!value?.startsWith("+"))
      throw new Error(`Redis at ${target.host} answered ${args[0]} with: ${value ?? "nothing"}`);
  };
  try {
    if (target.password)
      await send(
        "AUTH",
        ...(target.username ? [decodeURIComponent(target.username)] : []),
        decodeURIComponent(target.password),
      );
    await send("SELECT", index);
    await send("FLUSHDB");
  } finally {
    socket.destroy();
  }
}

rmSync(".data/e2e", { recursive: true, force: true });
if (process.env.E2E_DATABASE_URL) await recreateDatabase(process.env.E2E_DATABASE_URL, "E2E_DATABASE_URL");
if (process.env.E2E_INNGEST_POSTGRES_URI)
  await recreateDatabase(process.env.E2E_INNGEST_POSTGRES_URI, "E2E_INNGEST_POSTGRES_URI");
if (process.env.E2E_INNGEST_REDIS_URI) await flushRedisDatabase(process.env.E2E_INNGEST_REDIS_URI);
