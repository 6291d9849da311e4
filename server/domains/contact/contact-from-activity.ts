import type { Tx } from "@/db/client";
import { numberTimeZone } from "./derive-time-zone";
import { consentAddresses, restoreErasedOptOuts } from "./erased-opt-outs";
import { insertContactUnlessTaken } from "./queries";

/**
 * A contact for a Responsys activity row of an unknown user, made when the import job creates
 * contacts. It holds the row's email, number and RIID, marked created_from "responsys_activity",
 * and records no consent: activity (an open, a click) is never an opt-in, and an address erased
 * with an earlier contact gets its kept opt-out back first, as for any new contact. Null when
 * the email or number turned out to be another contact's (the caller matched them first).
 */
export async function contactFromActivity(
  tx: Tx,
  workspaceId: string,
  row: { email: string | null; mobileNumber: string | null; riid: string | null },
): Promise<string | null> {
  await restoreErasedOptOuts(tx, workspaceId, consentAddresses([row.mobileNumber], [row.email]));
  return insertContactUnlessTaken(tx, {
    workspaceId,
    email: row.email,
    mobileNumber: row.mobileNumber,
    responsysRiid: row.riid,
    timeZone: numberTimeZone(row.mobileNumber),
    createdFrom: "responsys_activity",
  });
}
