import { RetryAfterError } from "inngest";
import type { Db } from "@/db/client";
import { VendorError } from "../../vendors/http";
import { claimMessage, findRecipient, releaseClaim, setMessageOutcome } from "./queries";
import { loadCampaign, rulesOf } from "./queue-recipients";
import { eligibility } from "./recipient";
import { senderFor } from "./vendor-sender";

/**
 * Sends a chunk of queued messages of one campaign. Consent is checked again right before each
 * send (someone may have texted STOP since the message was queued); a cancelled campaign skips
 * what is left. A vendor that limits the rate did not take the message, so it is released and
 * the chunk retried after the vendor's Retry-After; any other vendor failure is final for that
 * message and recorded with the vendor's reason (a send is never repeated once it may have
 * reached the vendor: none of them takes an idempotency key).
 */
export async function deliverMessages(db: Db, campaignId: string, messageIds: string[]) {
  const { campaign, parts } = await loadCampaign(db, campaignId);
  const rules = rulesOf(campaign, parts);
  const send = campaign.status === "cancelled" ? null : senderFor(parts);
  const tally = { sent: 0, failed: 0, skipped: 0 };
  for (const id of messageIds) {
    const message = await claimMessage(db, id);
    if (!message) continue;
    if (!send) {
      await setMessageOutcome(db, id, { status: "skipped", errorCode: "cancelled", errorMessage: "The campaign was cancelled before this message was sent" });
      tally.skipped++;
      continue;
    }
    const contact = campaign.channel === "email" || !message.contactId ? null : await findRecipient(db, campaign.workspaceId, campaign.channel, message.contactId);
    const verdict = contact ? eligibility(rules, contact) : null;
    if (!verdict?.ok) {
      await setMessageOutcome(db, id, { status: "skipped", errorCode: verdict?.reason ?? "invalid_number", errorMessage: verdict?.detail ?? "The contact no longer exists" });
      tally.skipped++;
      continue;
    }
    try {
      const { vendorMessageId } = await send({ id, toNumber: message.toNumber, parameters: message.parameters, body: message.body });
      await setMessageOutcome(db, id, { status: "sent", vendorMessageId });
      tally.sent++;
    } catch (error) {
      if (!(error instanceof VendorError)) throw error;
      if (error.kind === "rate_limited") {
        await releaseClaim(db, id);
        throw new RetryAfterError(error.message, error.retryAfterMs ?? 30_000);
      }
      const unknown = error.kind === "timeout" || error.kind === "unavailable";
      await setMessageOutcome(db, id, {
        status: "failed",
        errorCode: error.vendorCode ?? error.kind,
        errorMessage: unknown ? `${error.message} The vendor may or may not have sent it, so it was not sent again.` : error.message,
      });
      tally.failed++;
    }
  }
  return tally;
}
