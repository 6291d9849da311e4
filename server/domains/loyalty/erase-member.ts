import type { Tx } from "@/db/client";
import { stripLoyaltyTextsOf } from "./erasure-queries";

/** The loyalty side of erasing a contact (contact.erase): its texts keep their outcome, not their number or text. */
export function eraseMember(tx: Tx, target: { workspaceId: string; contactId: string; mobileNumber: string | null }) {
  return stripLoyaltyTextsOf(tx, target.workspaceId, target.contactId, target.mobileNumber);
}
