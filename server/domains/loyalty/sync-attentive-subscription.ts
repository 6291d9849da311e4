import { NonRetriableError, RetryAfterError } from "inngest";
import type { z } from "zod";
import type { Db } from "@/db/client";
import type { attentiveSubscriptionSyncRequested } from "../../jobs/events";
import { VendorError } from "../../vendors/http";
import { findRecipient } from "../campaign/reads";
import { consentEventExists, findSubscriptionIntegrationOfContact } from "./queries";
import { loyaltyClients } from "./vendor-clients";

type Request = z.output<(typeof attentiveSubscriptionSyncRequested)["schema"]>;
export type SyncResult = { action: "subscribed" | "unsubscribed" } | { action: "none"; reason: string };

/** Waits out a rate limit; an error that retrying cannot fix (refused key, bad number) ends the run. */
function asRunError(error: unknown): unknown {
  if (!(error instanceof VendorError)) return error;
  if (error.kind === "rate_limited") return new RetryAfterError(error.message, error.retryAfterMs ?? 30_000);
  if (error.kind === "auth" || error.kind === "rejected") return new NonRetriableError(error.message, { cause: error });
  return error;
}

/**
 * Makes the contact's Attentive text subscription follow their SMS consent in Switchboard: opted
 * in, subscribed; opted out, unsubscribed (phone only, so their email subscriptions are left alone).
 * It follows the consent as it is now, not as the event said, so changes handled out of order
 * still end right; and it asks Attentive first, because re-subscribing a subscriber texts them
 * "already subscribed" [doc], and so that a change Attentive itself reported (its webhook) finds
 * nothing to do instead of echoing back.
 */
export async function syncAttentiveSubscription(
  db: Db,
  { contactId, consentEventId }: Request,
  lastAttempt: boolean,
): Promise<SyncResult> {
  if (!(await consentEventExists(db, consentEventId))) {
    // The request is sent from inside the consent's transaction: the change becomes visible when it
    // commits. One that is still missing after every retry was rolled back: nothing to follow.
    if (lastAttempt) return { action: "none", reason: "The consent change was never saved" };
    throw new Error(`Consent event ${consentEventId} is not visible yet: retrying once its transaction has committed`);
  }
  const target = await findSubscriptionIntegrationOfContact(db, contactId);
  if (!target) return { action: "none", reason: "The workspace has no Attentive integration" };
  if (target.integration.uninstalledAt || target.integration.status !== "active")
    return { action: "none", reason: "The loyalty program's Attentive integration is not active" };
  const contact = await findRecipient(db, target.workspaceId, "sms", contactId);
  if (!contact?.mobileNumber) return { action: "none", reason: "The contact has no mobile number" };
  const member = { phone: contact.mobileNumber };
  const { attentive } = loyaltyClients(target.integration);
  try {
    const subscribed = (await attentive.getEligibility(member)).some((s) => s.channel === "TEXT" && s.isEligible);
    if (contact.consent === "opt_in" && !subscribed) {
      await attentive.subscribe(member);
      return { action: "subscribed" };
    }
    if (contact.consent === "opt_out" && subscribed) {
      await attentive.unsubscribe(member);
      return { action: "unsubscribed" };
    }
    return { action: "none", reason: subscribed ? "Already subscribed in Attentive" : "Not subscribed in Attentive" };
  } catch (error) {
    throw asRunError(error);
  }
}
