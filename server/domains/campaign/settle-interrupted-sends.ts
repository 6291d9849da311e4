import type { Db } from "@/db/client";
import { env } from "../../env";
import { finishIfDone } from "./finish-campaign";
import { failUnclaimedMessages, settleInterruptedClaims } from "./delivery-queries";

export const OUTCOME_UNKNOWN =
  "Unknown: the send was interrupted after this message was handed over, so the vendor may have sent it. It was not sent again.";

/**
 * Settles messages whose delivery run stopped between claiming and recording them (a crash, a
 * timeout, a cancel mid-step): failed with the outcome unknown, never resent, so their
 * campaigns can finish with counts that add up.
 */
export async function settleInterruptedSends(db: Db, now = new Date()) {
  const campaigns = await settleInterruptedClaims(
    db,
    new Date(now.getTime() - env.INTERRUPTED_AFTER_MINUTES * 60_000),
    OUTCOME_UNKNOWN,
  );
  for (const campaignId of campaigns) await finishIfDone(db, campaignId);
  return { campaigns: campaigns.length };
}

/**
 * A delivery run that failed for good (its retries spent, say a vendor refusing for minutes):
 * the messages of its chunk it never handed to the vendor fail as not sent, with the reason, so
 * the campaign still finishes with counts that add up. Those it had claimed are settled above.
 */
export async function settleFailedDelivery(db: Db, campaignId: string, messageIds: string[], reason: string) {
  await failUnclaimedMessages(
    db,
    messageIds,
    `Not sent: sending stopped after repeated errors (${reason}). It can be sent again in a new campaign.`,
  );
  return finishIfDone(db, campaignId);
}
