import { and, count, eq, gt } from "drizzle-orm";
import { getDb, schema } from "@/db/client";

const WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/** True when this account or this address failed too often within the window. */
export async function isLoginThrottled(email: string, ip: string): Promise<boolean> {
  const db = await getDb();
  const since = new Date(Date.now() - WINDOW_MS);
  const failures = (column: typeof schema.loginAttempts.email | typeof schema.loginAttempts.ip, value: string) =>
    db
      .select({ n: count() })
      .from(schema.loginAttempts)
      .where(and(eq(column, value), eq(schema.loginAttempts.succeeded, false), gt(schema.loginAttempts.at, since)))
      .then((rows) => rows[0]?.n ?? 0);
  const [byAccount, byAddress] = await Promise.all([
    failures(schema.loginAttempts.email, email),
    failures(schema.loginAttempts.ip, ip),
  ]);
  return byAccount >= MAX_FAILURES_PER_ACCOUNT || byAddress >= MAX_FAILURES_PER_ADDRESS;
}

export async function recordLoginAttempt(email: string, ip: string, succeeded: boolean): Promise<void> {
  const db = await getDb();
  await db.insert(schema.loginAttempts).values({ email, ip, succeeded });
}
