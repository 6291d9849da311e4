import { and, eq, inArray, isNotNull, isNull, like, or, sql } from "drizzle-orm";
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

// PostgreSQL takes at most 65,535 parameters a statement; a receipt row has five.
const RECEIPTS_PER_STATEMENT = 5_000;

type NewReceipt = { integrationId: string; source: string; kind: string; idempotencyKey: string; body: string };

function insertReceipts(db: Db | Tx, rows: NewReceipt[]) {
  const r = schema.webhookReceipts;
  return db
    .insert(r)
    .values(rows)
    .onConflictDoNothing({ target: [r.integrationId, r.idempotencyKey] })
    .returning({ id: r.id, integrationId: r.integrationId, idempotencyKey: r.idempotencyKey });
}

/**
 * Inserts the receipts not seen before (a key twice in `rows` counts once); returns only the
 * new ones, with their keys. A batch larger than one statement takes is inserted in slices,
 * in one transaction: all or nothing.
 */
export async function insertNewReceipts(db: Db, rows: NewReceipt[]) {
  if (rows.length === 0) return [];
  if (rows.length <= RECEIPTS_PER_STATEMENT) return insertReceipts(db, rows);
  return db.transaction(async (tx) => {
    const created = [];
    for (let i = 0; i < rows.length; i += RECEIPTS_PER_STATEMENT)
      created.push(...(await insertReceipts(tx, rows.slice(i, i + RECEIPTS_PER_STATEMENT))));
    return created;
  });
}

export async function deleteReceipts(db: Db, ids: string[]) {
  if (ids.length === 0) return;
  await db.delete(schema.webhookReceipts).where(inArray(schema.webhookReceipts.id, ids));
}

/** When Switchboard recorded a receipt; null when there is none. */
export async function receiptReceivedAt(db: Db | Tx, receiptId: string) {
  const r = schema.webhookReceipts;
  const [row] = await db.select({ at: r.receivedAt }).from(r).where(eq(r.id, receiptId));
  return row?.at ?? null;
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

/**
 * Blanks the processed vendor callbacks of a workspace that mention any of these values (a
 * number's digits, an email): their bodies are the inbound texts and consent changes as the
 * vendor sent them. A scan of the workspace's receipts, which an erasure can afford. Unprocessed
 * ones are left for their function to apply: one is a message that arrived after the erasure.
 */
export async function blankReceiptsMentioning(tx: Tx, workspaceId: string, values: string[]) {
  if (values.length === 0) return 0;
  const r = schema.webhookReceipts;
  const escape = (v: string) => v.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  const rows = await tx
    .update(r)
    .set({ body: JSON.stringify({ erased: true }) })
    .where(
      and(
        inArray(
          r.integrationId,
          tx
            .select({ id: schema.integrations.id })
            .from(schema.integrations)
            .where(eq(schema.integrations.workspaceId, workspaceId)),
        ),
        isNotNull(r.processedAt),
        or(...values.map((v) => like(r.body, `%${escape(v)}%`))),
      ),
    )
    .returning({ id: r.id });
  return rows.length;
}

/** Marks receipts processed without effect, with the reason; returns how many this call marked. */
export async function dropReceipts(db: Db, receiptIds: string[], reason: string) {
  if (receiptIds.length === 0) return 0;
  const r = schema.webhookReceipts;
  const rows = await db
    .update(r)
    .set({ processedAt: new Date(), droppedReason: reason })
    .where(and(inArray(r.id, receiptIds), isNull(r.processedAt)))
    .returning({ id: r.id });
  return rows.length;
}
