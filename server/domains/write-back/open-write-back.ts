import type { Tx } from "@/db/client";
import { insertWriteBack, type WriteBackValues } from "./queries";

/**
 * Opens the record of one write-back (pending, no attempt yet) in the consent's own
 * transaction, so a consent change and what it owes other systems land together. Null when
 * this event's write-back to that target was opened already.
 */
export function openWriteBack(tx: Tx, values: Omit<WriteBackValues, "status" | "attempts">) {
  return insertWriteBack(tx, values);
}
