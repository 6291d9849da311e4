import type { Db } from "@/db/client";
import { achievedPace, PACE_WINDOW_MS, paceOf } from "./pace";
import { findSendingProgress } from "./queries";

/**
 * The campaigns sending now, oldest launch first, each with its progress as the campaign page
 * shows it (processed: handed to the vendor or failed, of the messages to send), its pace, and
 * when it should finish at that pace.
 */
export async function listSendingCampaigns(db: Db, workspaceId: string, now = new Date()) {
  const rows = await findSendingProgress(db, workspaceId, new Date(now.getTime() - PACE_WINDOW_MS));
  return rows.map((r) => {
    const configured = paceOf({
      sender: { messagesPerSecond: r.senderPace },
      integration: r.vendor ? { vendor: r.vendor } : null,
    });
    const achieved = achievedPace(r.recentlySent);
    // At the pace of the last seconds; before the first messages go out (or in a pause between
    // waves), at the sender's.
    const pace = achieved > 0 ? achieved : configured;
    return {
      id: r.id,
      name: r.name,
      channel: r.channel,
      launchedAt: r.launchedAt,
      queued: r.toSend,
      processed: r.toSend - r.pending,
      pace: { configured, achieved },
      finishesAt: r.pending > 0 && pace > 0 ? new Date(now.getTime() + (r.pending / pace) * 1000) : null,
    };
  });
}
