import type { Tx } from "@/db/client";
import { inngest } from "../../jobs/client";
import { responsysOptOutWriteBackRequested } from "../../jobs/events";
import type { Channel } from "../contact/schema";
import { openWriteBack } from "./open-write-back";
import { findResponsysOrigin } from "./queries";

/**
 * Called where consent is recorded (contact/record-consent.ts), inside its transaction: an
 * opt-out of a number that came in on a Responsys invocation row (a service whose campaign
 * names the profile list's opt-in field) is owed to that profile list. The write-back is
 * opened here and written by write-back-to-responsys, retried. A failed hand-off is logged,
 * not thrown: the consent itself must never be lost for a side effect (the row stays pending).
 */
export async function requestResponsysWriteBack(
  tx: Tx,
  change: {
    workspaceId: string;
    channel: Channel;
    address: string;
    state: "opt_in" | "opt_out";
    consentEventId: string;
  },
) {
  if (change.state !== "opt_out" || change.channel === "email") return;
  const origin = await findResponsysOrigin(tx, change.workspaceId, change.channel, change.address);
  if (!origin) return;
  const writeBackId = await openWriteBack(tx, {
    workspaceId: change.workspaceId,
    consentEventId: change.consentEventId,
    target: "responsys",
    reference: origin.invocationId,
  });
  if (!writeBackId) return;
  try {
    await inngest.send(
      responsysOptOutWriteBackRequested.create(
        { workspaceId: change.workspaceId, writeBackId },
        { id: `responsys-write-back-${writeBackId}` },
      ),
    );
  } catch (error) {
    console.error(
      `consent event ${change.consentEventId} was recorded, but its Responsys write-back could not be requested:`,
      error,
    );
  }
}
