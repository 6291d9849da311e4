import { and, count, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, schema } from "@/db/client";

/**
 * Sign-in throttling: growing delays per bucket, never a hard lock.
 *
 * A bucket allows `free` failures; after that each further attempt must wait 1 s, 2 s, 4 s …
 * (capped at MAX_DELAY_SECONDS) after the bucket's last failure. Failures older than WINDOW_MS,
 * and those before the bucket's last success, no longer count. An attempt is checked against:
 * - with a valid device cookie for the account (device.ts): only its own (account, device)
 *   bucket, so nobody else's failures delay the owner on a browser they signed in from before;
 * - otherwise: (account, address); the account from any address, with the same allowance as
 *   one address when addresses cannot be trusted (TRUSTED_PROXY_HOPS=0, client-address.ts) so a
 *   forged X-Forwarded-For buys nothing, and a larger one behind trusted proxies; and the address
 *   across all accounts (not reset by a success, which an attacker could make on their own account).
 *
 * Check and record are one step: under per-account and per-address advisory locks the buckets
 * are counted and the attempt is written as a failure before the password is checked (bcrypt
 * runs outside the transaction), then marked succeeded. A concurrent burst thus sees every
 * in-flight attempt as a failure, and a throttled caller never reaches bcrypt.
 */
export const FREE_FAILURES = 5;
export const FREE_FAILURES_PER_ACCOUNT_TRUSTED = 20;
export const FREE_FAILURES_PER_ADDRESS = 20;
export const MAX_DELAY_SECONDS = 300;
const WINDOW_MS = 60 * 60_000;
// Advisory lock namespaces (the two-key form), apart from the migration lock in db/client.ts.
const ACCOUNT_LOCK = 7_311_101;
const ADDRESS_LOCK = 7_311_102;

const a = schema.loginAttempts;
type Bucket = { where: SQL | undefined; free: number; resetOnSuccess: boolean };

export type LoginAttempt = { email: string; ip: string; trustedAddress: boolean; deviceId: string | null };
export type LoginGate = { attemptId: string } | { retryAfterSeconds: number };

export const delaySeconds = (failures: number, free: number) =>
  failures < free ? 0 : Math.min(2 ** (failures - free), MAX_DELAY_SECONDS);

function bucketsFor(attempt: LoginAttempt): Bucket[] {
  if (attempt.deviceId)
    return [
      {
        where: and(eq(a.email, attempt.email), eq(a.deviceId, attempt.deviceId)),
        free: FREE_FAILURES,
        resetOnSuccess: true,
      },
    ];
  return [
    {
      where: and(eq(a.email, attempt.email), eq(a.ip, attempt.ip), isNull(a.deviceId)),
      free: FREE_FAILURES,
      resetOnSuccess: true,
    },
    {
      where: and(eq(a.email, attempt.email), isNull(a.deviceId)),
      free: attempt.trustedAddress ? FREE_FAILURES_PER_ACCOUNT_TRUSTED : FREE_FAILURES,
      resetOnSuccess: true,
    },
    { where: and(eq(a.ip, attempt.ip), isNull(a.deviceId)), free: FREE_FAILURES_PER_ADDRESS, resetOnSuccess: false },
  ];
}

/**
 * Lets the attempt through, recorded as a failure until `markLoginSucceeded`, or says how long
 * to wait. Throttled attempts are not recorded: hammering a delayed bucket does not lengthen it.
 */
export async function beginLoginAttempt(attempt: LoginAttempt): Promise<LoginGate> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Account first, then address, always in this order: no two attempts wait on each other in a cycle.
    await tx.execute(sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK}, hashtext(${attempt.email}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${ADDRESS_LOCK}, hashtext(${attempt.ip}))`);
    let wait = 0;
    for (const bucket of bucketsFor(attempt)) {
      const lastSuccess = sql`(select max(${a.at}) from ${a} where ${bucket.where} and ${a.succeeded})`;
      const [row] = await tx
        .select({
          failures: count(),
          // Measured on the database's clock, which also stamped the rows: the clock's time now, not
          // the transaction's start (now()), which is earlier by however long the locks took, so
          // a burst's waiters would each see the last failure in their future.
          sinceLast: sql<number | null>`extract(epoch from clock_timestamp() - max(${a.at}))::float8`,
        })
        .from(a)
        .where(
          and(
            bucket.where,
            eq(a.succeeded, false),
            gt(a.at, sql`clock_timestamp() - ${`${WINDOW_MS} milliseconds`}::interval`),
            bucket.resetOnSuccess ? sql`${a.at} > coalesce(${lastSuccess}, '-infinity'::timestamptz)` : undefined,
          ),
        );
      const delay = delaySeconds(row?.failures ?? 0, bucket.free);
      if (delay > 0) wait = Math.max(wait, delay - Number(row?.sinceLast ?? 0));
    }
    if (wait > 0) return { retryAfterSeconds: Math.ceil(wait) };
    const [inserted] = await tx
      .insert(a)
      // Stamped under the locks, so the attempts of one bucket are in the order they were let through.
      .values({
        email: attempt.email,
        ip: attempt.ip,
        deviceId: attempt.deviceId,
        succeeded: false,
        at: sql`clock_timestamp()`,
      })
      .returning({ id: a.id });
    if (!inserted) throw new Error("insert returned no row");
    return { attemptId: inserted.id };
  });
}

export async function markLoginSucceeded(attemptId: string): Promise<void> {
  const db = await getDb();
  await db.update(a).set({ succeeded: true }).where(eq(a.id, attemptId));
}
