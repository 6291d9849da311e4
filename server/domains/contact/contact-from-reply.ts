import type { Tx } from "@/db/client";
import { numberTimeZone } from "./derive-time-zone";
import { consentAddresses, restoreErasedOptOuts } from "./erased-opt-outs";
import { findOrInsertContactByMobile } from "./queries";

/**
 * The contact a reply from `mobileNumber` belongs to, created when the number is nobody's (a
 * dialer line, a Responsys row), so the conversation has someone to attach to and an agent
 * sees it. A created contact holds the number only, marked created_from "reply", and records
 * no consent: the contact row copies the number's state from the ledger (an opt-out if it
 * texted STOP, nothing otherwise), and replying is never an opt-in. A number erased with an
 * earlier contact gets its kept opt-out back into the ledger first, as for any new contact.
 */
export async function contactFromReply(tx: Tx, workspaceId: string, mobileNumber: string) {
  await restoreErasedOptOuts(tx, workspaceId, consentAddresses([mobileNumber], []));
  return findOrInsertContactByMobile(tx, {
    workspaceId,
    mobileNumber,
    timeZone: numberTimeZone(mobileNumber),
    createdFrom: "reply",
  });
}
