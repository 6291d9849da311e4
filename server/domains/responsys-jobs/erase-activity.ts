import type { Tx } from "@/db/client";
import { deleteActivityOf } from "./erasure-queries";

/**
 * The Responsys jobs side of erasing a contact (contact.erase): its activity events go. Its
 * export queue entries and memberships go with the contact row (on delete cascade), so no exit
 * is sent to Responsys for it: the profile list is Responsys's to erase.
 */
export function eraseActivity(tx: Tx, target: { contactId: string }) {
  return deleteActivityOf(tx, target.contactId);
}
