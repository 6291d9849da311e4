import { spawn, type ChildProcess } from "node:child_process";
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

// The processes a benchmark starts (sandbox, engine, portal), stopped when it exits.
const children: ChildProcess[] = [];
// Each child leads its own process group, so npx's own children (next-server) stop with it.
export const signalAll = (signal: NodeJS.Signals) =>
  children.forEach((c) => c.pid && c.exitCode === null && c.signalCode === null && process.kill(-c.pid, signal));
process.on("exit", () => signalAll("SIGTERM"));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(1));

export function start(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
  ready?: RegExp,
) {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.push(child);
  const up = new Promise<void>((resolve, reject) => {
    if (!ready) resolve();
    child.on("exit", (code, signal) => reject(new Error(`${name} exited with ${code ?? signal}`)));
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on("data", (chunk: Buffer) => {
        const text = chunk.toString();
        if (ready?.test(text)) resolve();
        if (/error/i.test(text) && !/level":"(INFO|WARN)/.test(text)) process.stderr.write(`[${name}] ${text}`);
      });
    }
  });
  return { child, up };
}

export async function waitFor(url: string, what: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not come up at ${url}`);
}
