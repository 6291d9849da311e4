import type { Db } from "@/db/client";
import { setVendorIds } from "./queries";

/**
 * Keeps the Annex Cloud member ids the loyalty program learnt (Annex Cloud names a member's id
 * when their activity is read), so the member is found by it even without an email.
 */
export function recordAnnexIds(db: Db, workspaceId: string, entries: { contactId: string; annexId: string }[]) {
  return setVendorIds(
    db,
    workspaceId,
    "annexId",
    entries.map((e) => ({ contactId: e.contactId, id: e.annexId })),
  );
}
