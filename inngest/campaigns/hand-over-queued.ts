import { getDb } from "@/db/client";
import { deliveryEvents } from "@/server/domains/campaign/delivery-events";
import { findQueuedMessages } from "@/server/domains/campaign/reads";
import { inngest } from "@/server/jobs/client";
import { campaignCancelled, campaignResumed, dialerListUploaded } from "@/server/jobs/events";

const PAGE = 500;

/**
 * Hands a campaign's queued messages to deliver-messages, a page at a time: an uploaded dialer
 * list's (already one queued message per line), or, on a resume, everything a pause left
 * queued (a paused delivery run stops and leaves its messages for this). A retried page finds
 * the same queued ids, and deliver-messages claims each once, so handing one over twice sends
 * it once.
 */
export default inngest.createFunction(
  {
    id: "hand-over-queued",
    triggers: [dialerListUploaded, campaignResumed],
    idempotency: "event.id",
    cancelOn: [{ event: campaignCancelled, if: "async.data.campaignId == event.data.campaignId" }],
  },
  async ({ event, step }) => {
    const { campaignId } = event.data;
    const occurrence = "occurrence" in event.data ? event.data.occurrence : null;
    let after: string | null = null;
    let handed = 0;
    for (let page = 0; ; page++) {
      const rows = await step.run(`page-${page}`, async () =>
        findQueuedMessages(await getDb(), campaignId, occurrence, after, PAGE),
      );
      const last = rows[rows.length - 1];
      if (!last) break;
      await step.sendEvent(
        `deliver-page-${page}`,
        deliveryEvents(
          { campaignId, integrationId: last.integrationId, senderId: last.senderId },
          rows.map((r) => r.id),
        ),
      );
      handed += rows.length;
      if (rows.length < PAGE) break;
      after = last.id;
    }
    return { handed };
  },
);
