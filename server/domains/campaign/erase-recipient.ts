import type { Tx } from "@/db/client";
import { stripMessagesOf } from "./erasure-queries";

/**
 * The campaign side of erasing a contact (contact.erase): its messages, and dialer lines and
 * Responsys rows sent to its number, keep their status for the funnels but lose the number,
 * the contact and the text. Returns how many messages were stripped.
 */
export function eraseRecipient(
  tx: Tx,
  target: { workspaceId: string; contactId: string; mobileNumber: string | null },
) {
  return stripMessagesOf(tx, target.workspaceId, target.contactId, target.mobileNumber);
}
