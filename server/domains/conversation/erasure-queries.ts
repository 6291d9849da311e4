import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { schema, type Tx } from "@/db/client";

const im = schema.inboundMessages;
const cv = schema.conversations;

/**
 * Strips the inbound messages a contact (or, contact or not, its number) sent: text,
 * attachments, the number and the contact go; when they came stays. From a number that is
 * nobody's contact (contact_id null), found by a scan of the workspace's inbound messages,
 * which an erasure can afford.
 */
export async function stripInboundOf(tx: Tx, workspaceId: string, contactId: string, number: string | null) {
  const rows = await tx
    .update(im)
    .set({ contactId: null, fromNumber: "", body: null, attachments: [] })
    .where(
      and(
        eq(im.workspaceId, workspaceId),
        or(eq(im.contactId, contactId), number ? and(isNull(im.contactId), eq(im.fromNumber, number)) : undefined),
      ),
    )
    .returning({ id: im.id });
  return rows.length;
}

/** Deletes a contact's conversations with their messages (cascade) and case sync records. */
export async function deleteConversationsOf(tx: Tx, workspaceId: string, contactId: string) {
  const ids = (
    await tx
      .select({ id: cv.id })
      .from(cv)
      .where(and(eq(cv.workspaceId, workspaceId), eq(cv.contactId, contactId)))
  ).map((r) => r.id);
  if (ids.length === 0) return 0;
  await tx.delete(schema.caseSyncs).where(inArray(schema.caseSyncs.conversationId, ids));
  await tx.delete(cv).where(inArray(cv.id, ids));
  return ids.length;
}
