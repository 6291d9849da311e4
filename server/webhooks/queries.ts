import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { rowsOf } from "../lib/raw-rows";

export async function findWebhookTarget(db: Db, integrationId: string) {
  const i = schema.integrations;
  const [row] = await db
    .select({
      id: i.id,
      workspaceId: i.workspaceId,
      vendor: i.vendor,
      webhookToken: i.webhookToken,
      uninstalledAt: i.uninstalledAt,
      config: i.config,
      secrets: i.secrets,
    })
    .from(i)
    .where(eq(i.id, integrationId));
  return row ?? null;
}

/** Inserts the receipts not seen before (a key twice in `rows` counts once); returns only the new ones, with their keys. */
export async function insertNewReceipts(
  db: Db,
  rows: { integrationId: string; source: string; kind: string; idempotencyKey: string; body: string }[],
) {
  if (rows.length === 0) return [];
  const r = schema.webhookReceipts;
  return db
    .insert(r)
    .values(rows)
    .onConflictDoNothing({ target: [r.source, r.idempotencyKey] })
    .returning({ id: r.id, source: r.source, idempotencyKey: r.idempotencyKey });
}

export async function deleteReceipts(db: Db, ids: string[]) {
  if (ids.length === 0) return;
  await db.delete(schema.webhookReceipts).where(inArray(schema.webhookReceipts.id, ids));
}

/**
 * Marks a receipt processed inside the caller's transaction; false when it already was, so a
 * retried run of the function that handles it changes nothing twice.
 */
export async function claimReceipt(tx: Tx, receiptId: string) {
  return (await claimReceipts(tx, [receiptId])).has(receiptId);
}

/** claimReceipt for many receipts in one statement: the ids this call claimed. */
export async function claimReceipts(tx: Tx, receiptIds: string[]) {
  if (receiptIds.length === 0) return new Set<string>();
  const r = schema.webhookReceipts;
  const rows = await tx
    .update(r)
    .set({ processedAt: new Date() })
    .where(and(inArray(r.id, receiptIds), isNull(r.processedAt)))
    .returning({ id: r.id });
  return new Set(rows.map((row) => row.id));
}

/**
 * Receipts recorded but still not processed, `after` since they were received and once more
 * for each time they were handed over again, at most `maxTimes` times and for a day: their
 * hand-off was lost (the portal or the engine died between recording and processing them).
 * Takes up to `limit`, counting this hand-over; returns them with their integration's workspace.
 */
export async function takeStaleReceipts(
  db: Db,
  now: Date,
  after: { minutes: number; maxTimes: number; limit: number },
) {
  const r = schema.webhookReceipts;
  return rowsOf<{ id: string; body: string; integrationId: string; workspaceId: string }>(
    db,
    sql`
      with stale as (
        select ${r.id} from ${r}
        where ${r.processedAt} is null and ${r.attempts} < ${after.maxTimes}
          and ${r.receivedAt} > ${now.toISOString()}::timestamptz - interval '1 day'
          and ${r.receivedAt} < ${now.toISOString()}::timestamptz - make_interval(mins => ${after.minutes} * (${r.attempts} + 1))
        order by ${r.receivedAt} limit ${after.limit} for update skip locked)
      update ${r} set attempts = ${r.attempts} + 1
      from stale, integrations i
      where ${r.id} = stale.id and i.id = ${r.integrationId}
      returning ${r.id} as "id", ${r.body} as "body", ${r.integrationId} as "integrationId", i.workspace_id as "workspaceId"`,
  );
}
