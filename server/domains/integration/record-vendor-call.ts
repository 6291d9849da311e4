import { eq, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";

/** Outcomes of calls of one kind to (or callbacks from) an integration's vendor, counted by the caller. */
export type VendorCallTally = {
  integrationId: string;
  /** "send", "template_sync", ...; callbacks received are "webhook.<kind>". */
  operation: string;
  succeeded: number;
  failed: number;
  /** The last failure's reason, as an admin should read it. */
  lastFailure?: string | null;
};

const HOUR_MS = 3_600_000;
const s = schema.vendorCallStats;

/**
 * Adds the tallies to the integration's health counters, one upsert for all of them: callers
 * on hot paths (a send batch, a burst of callbacks) count in memory and record once per batch.
 */
export async function recordVendorCalls(db: Db | Tx, tallies: VendorCallTally[], now = new Date()) {
  const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  // One row per key: an upsert may not touch a row twice in one statement.
  const merged = new Map<string, VendorCallTally>();
  for (const t of tallies) {
    if (t.succeeded + t.failed === 0) continue;
    const key = `${t.integrationId} ${t.operation}`;
    const seen = merged.get(key);
    merged.set(
      key,
      seen
        ? {
            ...seen,
            succeeded: seen.succeeded + t.succeeded,
            failed: seen.failed + t.failed,
            lastFailure: t.lastFailure ?? seen.lastFailure,
          }
        : t,
    );
  }
  if (merged.size === 0) return;
  await db
    .insert(s)
    .values(
      [...merged.values()].map((t) => ({
        integrationId: t.integrationId,
        operation: t.operation,
        hour,
        succeeded: t.succeeded,
        failed: t.failed,
        lastSuccessAt: t.succeeded > 0 ? now : null,
        lastFailureAt: t.failed > 0 ? now : null,
        lastFailure: t.failed > 0 ? (t.lastFailure ?? "The call failed") : null,
      })),
    )
    .onConflictDoUpdate({
      target: [s.integrationId, s.hour, s.operation],
      set: {
        succeeded: sql`${s.succeeded} + excluded.succeeded`,
        failed: sql`${s.failed} + excluded.failed`,
        // greatest() skips nulls: a batch without successes keeps the last one.
        lastSuccessAt: sql`greatest(${s.lastSuccessAt}, excluded.last_success_at)`,
        lastFailureAt: sql`greatest(${s.lastFailureAt}, excluded.last_failure_at)`,
        lastFailure: sql`coalesce(excluded.last_failure, ${s.lastFailure})`,
      },
    });
}

/** One call to the integration's vendor and how it went (a connection test, a push). */
export function recordVendorCall(
  db: Db | Tx,
  integrationId: string,
  operation: string,
  ok: boolean,
  failure: string | null,
) {
  return recordVendorCalls(db, [
    { integrationId, operation, succeeded: ok ? 1 : 0, failed: ok ? 0 : 1, lastFailure: failure },
  ]);
}

/** A failure worth an admin's attention, shown as the integration's last error on its page. */
export async function recordIntegrationError(tx: Tx, integrationId: string, message: string) {
  await tx
    .update(schema.integrations)
    .set({ lastError: message, lastErrorAt: new Date() })
    .where(eq(schema.integrations.id, integrationId));
}
