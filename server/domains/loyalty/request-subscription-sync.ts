import type { Tx } from "@/db/client";
import { inngest } from "../../jobs/client";
import { attentiveSubscriptionSyncRequested } from "../../jobs/events";
import { findSubscriptionIntegrationOfContact } from "./queries";

/**
 * Called where consent is recorded (contact/record-consent.ts), inside its transaction: in a
 * workspace with an Attentive integration (its loyalty program's, or else its active one), an
 * SMS consent change — a STOP keyword included — asks for the contact's Attentive subscription
 * to follow (sync-attentive-subscription). Workspaces without one send nothing.
 * A failed hand-off is logged, not thrown: the consent itself must never be lost for a side effect.
 */
export async function requestSubscriptionSync(
  tx: Tx,
  change: { contactId: string; channel: string; consentEventId: string },
) {
  if (change.channel !== "sms") return;
  const target = await findSubscriptionIntegrationOfContact(tx, change.contactId);
  if (!target) return;
  const data = { workspaceId: target.workspaceId, contactId: change.contactId, consentEventId: change.consentEventId };
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
