import { and, eq, sql } from "drizzle-orm";
import { schema, type Tx } from "@/db/client";

/** The integration an inbound message came through, with its workspace's own opt-out keywords. */
export async function findInboundTarget(tx: Tx, integrationId: string) {
  const i = schema.integrations;
  const w = schema.workspaces;
  const [row] = await tx
    .select({ workspaceId: i.workspaceId, vendor: i.vendor, optOutKeywords: w.optOutKeywords })
    .from(i)
    .innerJoin(w, eq(w.id, i.workspaceId))
    .where(eq(i.id, integrationId));
  return row ?? null;
}

export async function findContactIdByMobile(tx: Tx, workspaceId: string, mobileNumber: string) {
  const c = schema.contacts;
  const [row] = await tx
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), eq(c.mobileNumber, mobileNumber)));
  return row?.id ?? null;
}

/** Stores an inbound message once per vendor message id; null when it was already stored. */
export async function insertInboundMessage(tx: Tx, values: typeof schema.inboundMessages.$inferInsert) {
  const m = schema.inboundMessages;
  const [row] = await tx
    .insert(m)
    .values(values)
    .onConflictDoNothing({ target: [m.integrationId, m.vendorMessageId] })
    .returning({ id: m.id });
  return row?.id ?? null;
}

/**
 * The contact's open conversation on this integration, opened when there is none, with its
 * 24-hour window moved to 24 hours after this message (never backwards: messages can arrive
 * out of order) and the wait for a reply started if it was not already running.
 */
export async function touchConversation(tx: Tx, values: { workspaceId: string; contactId: string; integrationId: string; channel: "whatsapp" | "sms"; at: Date }) {
  const c = schema.conversations;
  const windowEnd = new Date(values.at.getTime() + 24 * 60 * 60 * 1000);
  const [open] = await tx
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.contactId, values.contactId), eq(c.integrationId, values.integrationId), eq(c.state, "open")))
    .for("update");
  if (open) {
    await tx
      .update(c)
      .set({
        sessionExpiresAt: sql`greatest(${c.sessionExpiresAt}, ${windowEnd})`,
        awaitingReplySince: sql`coalesce(${c.awaitingReplySince}, ${values.at})`,
        lastMessageAt: sql`greatest(${c.lastMessageAt}, ${values.at})`,
      })
      .where(eq(c.id, open.id));
    return open.id;
  }
  const [created] = await tx
    .insert(c)
    .values({ ...values, sessionExpiresAt: windowEnd, awaitingReplySince: values.at, lastMessageAt: values.at, createdAt: values.at })
    .returning({ id: c.id });
  if (!created) throw new Error("insert returned no row");
  return created.id;
}

export async function insertConversationMessage(tx: Tx, values: typeof schema.conversationMessages.$inferInsert) {
  await tx.insert(schema.conversationMessages).values(values);
}

export async function markReceiptDone(tx: Tx, receiptId: string) {
  const r = schema.webhookReceipts;
  await tx.update(r).set({ processedAt: new Date(), lastError: null }).where(eq(r.id, receiptId));
}
