import type { Tx } from "@/db/client";
import { inngest } from "../../jobs/client";
import { attentiveSubscriptionSyncRequested } from "../../jobs/events";
import { openWriteBack } from "../write-back/open-write-back";
import { findSubscriptionIntegration } from "./queries";

/**
 * Called where consent is recorded (contact/record-consent.ts), inside its transaction: in a
 * workspace with an Attentive integration (its loyalty program's, or else its active one), an
 * SMS consent change of a number — a STOP keyword included, a contact's or not — asks for the
 * number's Attentive subscription to follow (sync-attentive-subscription), opening the
 * write-back each attempt records. Workspaces without one send nothing.
 * A failed hand-off is logged, not thrown: the consent itself must never be lost for a side effect.
 */
export async function requestSubscriptionSync(
  tx: Tx,
  change: { workspaceId: string; contactId: string | null; channel: string; address: string; consentEventId: string },
) {
  if (change.channel !== "sms") return;
  const target = await findSubscriptionIntegration(tx, change.workspaceId);
  if (!target) return;
  const writeBackId = await openWriteBack(tx, {
    workspaceId: change.workspaceId,
    consentEventId: change.consentEventId,
    target: "attentive",
    reference: target.integration.id,
  });
  if (!writeBackId) return;
  const data = {
    workspaceId: change.workspaceId,
    contactId: change.contactId,
    address: change.address,
    consentEventId: change.consentEventId,
    writeBackId,
  };
  try {
    await inngest.send(
      attentiveSubscriptionSyncRequested.create(data, { id: `attentive-subscription-${change.consentEventId}` }),
    );
  } catch (error) {
    console.error(
      `consent event ${change.consentEventId} was recorded, but the Attentive subscription sync could not be requested:`,
      error,
    );
  }
}
