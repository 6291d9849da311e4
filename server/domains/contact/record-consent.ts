import type { Tx } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { requestSubscriptionSync } from "../loyalty/request-subscription-sync";
import { requestResponsysWriteBack } from "../write-back/request-responsys-write-back";
import { insertConsentEvent, upsertCurrentConsent, type ConsentEventValues } from "./queries";
import { restoreErasedOptOuts } from "./erased-opt-outs";
import { addressOf } from "./reads";
import { channelNames, type Channel } from "./schema";

/**
 * Records one opt-in or opt-out of an address (a number, or an email) on a channel. The ledger
 * (consent_events) is the truth and only grows; consent_states is the current state per
 * address derived from it, kept in step here so that sends and counts read one row or an index
 * instead of the ledger. Events can arrive out of order (a vendor's unsubscribe delivered late,
 * an import of old history): the state follows the newest event by time, never the last one
 * recorded, and an opt-out wins a tie.
 *
 * Takes the caller's transaction, so the event, the state and the caller's audit row land together.
 */
export async function recordConsent(tx: Tx, event: ConsentEventValues) {
  // An erased contact's kept opt-out of this address first becomes a ledger event again, so the
  // newest event wins as always (a START after it does; a late vendor event from before does not).
  await restoreErasedOptOuts(tx, event.workspaceId, [{ channel: event.channel, address: event.address }]);
  const recorded = await insertConsentEvent(tx, event);
  const current = await upsertCurrentConsent(tx, {
    workspaceId: event.workspaceId,
    channel: event.channel,
    address: event.address,
    state: event.state,
    source: event.source,
    at: recorded.at,
  });
  // The one place consent changes, so the one place that tells the systems the number lives in:
  // the Attentive subscription follows SMS consent, and an opt-out goes back to the Responsys
  // profile list the number came from. Each is a retried write-back, recorded.
  if (current) {
    const change = {
      workspaceId: event.workspaceId,
      contactId: event.contactId,
      channel: event.channel,
      address: event.address,
      state: event.state,
      consentEventId: recorded.id,
    };
    await requestSubscriptionSync(tx, change);
    await requestResponsysWriteBack(tx, change);
  }
  return { eventId: recorded.id, at: recorded.at, current };
}

/**
 * Where a contact's consent on a channel is recorded: its address, or a clear refusal when it
 * has none (WhatsApp and SMS consent belongs to a number, email consent to an address).
 */
export function consentTarget(
  contact: { id: string; workspaceId: string; mobileNumber: string | null; email: string | null },
  channel: Channel,
  field = `permissions.${channel}`,
) {
  const address = addressOf(contact, channel);
  if (!address)
    throw new DomainError(
      "BAD_REQUEST",
      `${channelNames[channel]} consent belongs to ${channel === "email" ? "an email address" : "a mobile number"}: add one first`,
      field,
    );
  return { workspaceId: contact.workspaceId, channel, address, contactId: contact.id };
}
