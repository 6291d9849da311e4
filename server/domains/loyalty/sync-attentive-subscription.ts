import { NonRetriableError, RetryAfterError } from "inngest";
import type { z } from "zod";
import type { Db } from "@/db/client";
import type { attentiveSubscriptionSyncRequested } from "../../jobs/events";
import { VendorError } from "../../vendors/http";
import { findConsentState, findEmailOfNumber } from "../contact/reads";
import { attemptWriteBack } from "../write-back/attempt-write-back";
import { consentEventExists, findSubscriptionIntegration } from "./queries";
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
 * Makes a number's Attentive text subscription follow its SMS consent in Switchboard, whether
 * or not it is a contact's: opted in, subscribed, with the contact's email too when it has one
 * opted in to email (as Annex Cloud's connector subscribes a member,
 * docs/vendors/attentive.md §2.1); opted out, unsubscribed (by phone only, so email
 * subscriptions are left alone). It follows the consent as it is now, not as the event
 * said, so changes handled out of order still end right; and it asks Attentive first, because
 * re-subscribing a subscriber texts them "already subscribed" [doc], and so that a change
 * Attentive itself reported (its webhook) finds nothing to do instead of echoing back. Each
 * attempt is recorded on the write-back row.
 */
export async function syncAttentiveSubscription(db: Db, request: Request, lastAttempt: boolean): Promise<SyncResult> {
  if (!(await consentEventExists(db, request.consentEventId))) {
    // The request is sent from inside the consent's transaction: the change becomes visible when it
    // commits. One that is still missing after every retry was rolled back: nothing to follow.
    if (lastAttempt) return { action: "none", reason: "The consent change was never saved" };
    throw new Error(
      `Consent event ${request.consentEventId} is not visible yet: retrying once its transaction has committed`,
    );
  }
  return attemptWriteBack(db, request.writeBackId, lastAttempt, () => follow(db, request), describe);
}

/**
 * The email to subscribe with the number: its contact's, when that email opted in to email.
 * Attentive subscribes an email it is given to its sign-up unit's emails and reports it back
 * (email.subscribed, recorded as an opt-in), so an email without consent is never sent.
 */
async function subscribableEmail(db: Db, workspaceId: string, number: string) {
  const email = await findEmailOfNumber(db, workspaceId, number);
  if (!email || (await findConsentState(db, workspaceId, "email", email)) !== "opt_in") return {};
  return { email };
}

function describe(result: SyncResult) {
  if (result.action === "none") return result.reason;
  return result.action === "subscribed" ? "Subscribed to texts in Attentive" : "Unsubscribed from texts in Attentive";
}

async function follow(db: Db, { workspaceId, address }: Request): Promise<SyncResult> {
  const target = await findSubscriptionIntegration(db, workspaceId);
  if (!target) return { action: "none", reason: "The workspace has no Attentive integration" };
  if (target.integration.uninstalledAt || target.integration.status !== "active")
    return { action: "none", reason: "The loyalty program's Attentive integration is not active" };
  const consent = await findConsentState(db, workspaceId, "sms", address);
  if (!consent) return { action: "none", reason: "No SMS consent is recorded for the number" };
  const member = { phone: address };
  const { attentive } = loyaltyClients(target.integration);
  try {
    const subscribed = (await attentive.getEligibility(member)).some((s) => s.channel === "TEXT" && s.isEligible);
    if (consent === "opt_in" && !subscribed) {
      await attentive.subscribe({ ...member, ...(await subscribableEmail(db, workspaceId, address)) });
      return { action: "subscribed" };
    }
    if (consent === "opt_out" && subscribed) {
      await attentive.unsubscribe(member);
      return { action: "unsubscribed" };
    }
    return { action: "none", reason: subscribed ? "Already subscribed in Attentive" : "Not subscribed in Attentive" };
  } catch (error) {
    throw asRunError(error);
  }
}
