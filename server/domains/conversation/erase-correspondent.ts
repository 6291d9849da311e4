import type { Tx } from "@/db/client";
import { deleteConversationsOf, stripInboundOf } from "./erasure-queries";

/**
 * The conversation side of erasing a contact (contact.erase): its conversations go, with every
 * message in them and their case sync records (the Salesforce case itself stays in Salesforce),
 * and what it or its number sent is stripped of text, attachments and number.
 */
export async function eraseCorrespondent(
  tx: Tx,
  target: { workspaceId: string; contactId: string; mobileNumber: string | null },
) {
  const inbound = await stripInboundOf(tx, target.workspaceId, target.contactId, target.mobileNumber);
  const conversations = await deleteConversationsOf(tx, target.workspaceId, target.contactId);
  return { inbound, conversations };
}
