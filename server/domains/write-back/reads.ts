import type { Db } from "@/db/client";
import { findWriteBacksOfEvents } from "./queries";

// The write-back domain's public reads.

/** The write-backs owed by these consent events (a contact's consent history), newest first. */
export function listWriteBacks(db: Db, consentEventIds: string[]) {
  return findWriteBacksOfEvents(db, consentEventIds);
}
