import { performance } from "node:perf_hooks";
import postgres from "postgres";

/** The PostgreSQL server a benchmark runs on (DATABASE_URL), or a clear exit when there is none. */
export function benchServerUrl(script: string): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      `${script} needs DATABASE_URL naming a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/test`,
    );
    process.exit(2);
  }
  return url;
}

/** Drops and recreates the benchmark's own database on that server; returns its URL. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const own = new URL(serverUrl);
  own.pathname = `/${name}`;
  return own.toString();
}

/** Logs with the seconds since the start. */
export function timedLog() {
  const t0 = performance.now();
  return (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
}
