import { getDb } from "@/db/client";
import { deliveryEvents } from "@/server/domains/campaign/delivery-events";
import { findQueuedMessages } from "@/server/domains/campaign/queries";
import { inngest } from "@/server/jobs/client";
import { campaignCancelled, dialerListUploaded } from "@/server/jobs/events";

const PAGE = 500;

/**
 * Hands an uploaded dialer list (already one queued message per line) to deliver-messages, a
 * page at a time. A retried page finds the same queued ids; deliver-messages claims each once.
 */
export default inngest.createFunction(
  {
    id: "send-dialer-list",
    triggers: [dialerListUploaded],
    idempotency: "event.data.campaignId + '/' + event.data.occurrence",
    cancelOn: [{ event: campaignCancelled, if: "async.data.campaignId == event.data.campaignId" }],
  },
  async ({ event, step }) => {
    const { campaignId, occurrence } = event.data;
    let after: string | null = null;
    let handed = 0;
    for (let page = 0; ; page++) {
      const rows = await step.run(`page-${page}`, async () => findQueuedMessages(await getDb(), campaignId, occurrence, after, PAGE));
      const last = rows[rows.length - 1];
      if (!last) break;
      await step.sendEvent(`deliver-page-${page}`, deliveryEvents({ campaignId, integrationId: last.integrationId, senderId: last.senderId }, rows.map((r) => r.id)));
      handed += rows.length;
      if (rows.length < PAGE) break;
      after = last.id;
    }
    return { handed };
  },
);
