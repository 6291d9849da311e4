import type { Db } from "@/db/client";
import { finishIfDone } from "./finish-campaign";
import { settleInterruptedClaims } from "./queries";

// A run claims 50 messages at a time and records their outcomes when they are sent: even at
// the slowest pace (1 a second, shared by two runs) a claim gets its outcome within two
// minutes. Ten minutes without one means the run was interrupted.
export const INTERRUPTED_AFTER_MINUTES = 10;
export const OUTCOME_UNKNOWN = "Unknown: the send was interrupted after this message was handed over, so the vendor may have sent it. It was not sent again.";

/**
 * Settles messages whose delivery run stopped between claiming and recording them (a crash, a
 * timeout, a cancel mid-step): failed with the outcome unknown, never resent, so their
 * campaigns can finish with counts that add up.
 */
export async function settleInterruptedSends(db: Db, now = new Date()) {
  const campaigns = await settleInterruptedClaims(db, new Date(now.getTime() - INTERRUPTED_AFTER_MINUTES * 60_000), OUTCOME_UNKNOWN);
  for (const campaignId of campaigns) await finishIfDone(db, campaignId);
  return { campaigns: campaigns.length };
}
