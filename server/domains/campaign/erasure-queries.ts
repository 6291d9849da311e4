import { and, eq, isNotNull, sql } from "drizzle-orm";
import { schema, type Tx } from "@/db/client";

const m = schema.messages;

/**
 * Strips a person from the messages sent to them: the contact, the number, the text and its
 * parameters go; status, times and campaign stay, so funnels and exports still add up. A message
 * still queued is skipped (nobody to send it to), and none is written back any more.
 */
function stripMessages(tx: Tx, where: ReturnType<typeof and>) {
  return tx
    .update(m)
    .set({
      contactId: null,
      toNumber: "",
      body: null,
      parameters: [],
      statusWrittenAt: sql`coalesce(${m.statusWrittenAt}, now())`,
      status: sql`case when ${m.status} = 'queued' then 'skipped'::message_status else ${m.status} end`,
      errorCode: sql`case when ${m.status} = 'queued' then 'erased' else ${m.errorCode} end`,
      errorMessage: sql`case when ${m.status} = 'queued' then 'The contact was erased' else ${m.errorMessage} end`,
      statusAt: sql`case when ${m.status} = 'queued' then now() else ${m.statusAt} end`,
    })
    .where(where)
    .returning({ id: m.id });
}

/** The contact's messages (messages_contact_idx), and the lines and rows sent to its number (messages_row_number_idx). */
export async function stripMessagesOf(tx: Tx, workspaceId: string, contactId: string, number: string | null) {
  const byContact = await stripMessages(tx, and(eq(m.workspaceId, workspaceId), eq(m.contactId, contactId)));
  const byNumber = number
    ? await stripMessages(tx, and(eq(m.workspaceId, workspaceId), eq(m.toNumber, number), isNotNull(m.externalRef)))
    : [];
  return byContact.length + byNumber.length;
}
