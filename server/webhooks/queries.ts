import { eq, inArray } from "drizzle-orm";
import { schema, type Db } from "@/db/client";

export async function findWebhookTarget(db: Db, integrationId: string) {
  const i = schema.integrations;
  const [row] = await db
    .select({ id: i.id, workspaceId: i.workspaceId, vendor: i.vendor, webhookToken: i.webhookToken, uninstalledAt: i.uninstalledAt, config: i.config, secrets: i.secrets })
    .from(i)
    .where(eq(i.id, integrationId));
  return row ?? null;
}

/** Inserts the receipts not seen before; returns only the new ones, with their keys. */
export async function insertNewReceipts(db: Db, rows: { integrationId: string; source: string; kind: string; idempotencyKey: string; body: string }[]) {
  if (rows.length === 0) return [];
  const r = schema.webhookReceipts;
  return db.insert(r).values(rows).onConflictDoNothing({ target: [r.source, r.idempotencyKey] }).returning({ id: r.id, idempotencyKey: r.idempotencyKey });
}

export async function deleteReceipts(db: Db, ids: string[]) {
  if (ids.length === 0) return;
  await db.delete(schema.webhookReceipts).where(inArray(schema.webhookReceipts.id, ids));
}

export async function markReceiptProcessed(db: Db, id: string, error: string | null) {
  const r = schema.webhookReceipts;
  await db
    .update(r)
    .set({ processedAt: error ? null : new Date(), lastError: error })
    .where(eq(r.id, id));
}
