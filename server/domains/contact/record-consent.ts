import type { Tx } from "@/db/client";
import { requestSubscriptionSync } from "../loyalty/request-subscription-sync";
import { insertConsentEvent, upsertCurrentConsent, type ConsentEventValues } from "./queries";

/**
 * Records one opt-in or opt-out. The ledger (consent_events) is the truth and only grows;
 * contact_consent is the current state derived from it, kept in step here so that counts over
 * a million contacts read an index instead of the ledger. Events can arrive out of order
 * (a vendor's unsubscribe delivered late, an import of old history): the state follows the
 * newest event by time, never the last one recorded, and an opt-out wins a tie.
 *
 * Takes the caller's transaction, so the event, the state and the caller's audit row land together.
 */
export async function recordConsent(tx: Tx, event: ConsentEventValues) {
  const recorded = await insertConsentEvent(tx, event);
  const current = await upsertCurrentConsent(tx, {
    contactId: event.contactId,
    channel: event.channel,
    state: event.state,
    source: event.source,
    at: recorded.at,
  });
  // The one place consent changes, so the one place that tells the Attentive subscription to follow.
  if (current)
    await requestSubscriptionSync(tx, {
      contactId: event.contactId,
      channel: event.channel,
      consentEventId: recorded.id,
    });
  return { eventId: recorded.id, at: recorded.at, current };
}
