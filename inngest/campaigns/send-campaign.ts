import { getDb } from "@/db/client";
import { markAudienceQueued } from "@/server/domains/campaign/finish-campaign";
import { deliveryEvents } from "@/server/domains/campaign/delivery-events";
import { queueRecipients } from "@/server/domains/campaign/queue-recipients";
import { inngest } from "@/server/jobs/client";
import { campaignCancelled, campaignSendRequested } from "@/server/jobs/events";

/**
 * One occurrence of a campaign: the audience is walked a page at a time (never loaded whole),
 * each page turned into message rows in one step, and the new ones handed to deliver-messages
 * in chunks. A retried step inserts nothing twice (unique campaign, contact, occurrence).
 */
export default inngest.createFunction(
  {
    id: "send-campaign",
    triggers: [campaignSendRequested],
    // A scheduled occurrence comes in several waves (one per time zone's arrival), told apart by
    // wave.at; Inngest reads a missing wave as empty.
    idempotency:
      "event.data.campaignId + '/' + event.data.occurrence + '/' + event.data.contactId + '/' + event.data.wave.at",
    cancelOn: [{ event: campaignCancelled, if: "async.data.campaignId == event.data.campaignId" }],
  },
  async ({ event, step }) => {
    const { campaignId, occurrence, contactId, wave } = event.data;
    let after: string | null = null;
    let totals = { queued: 0, skipped: 0 };
    for (let page = 0; ; page++) {
      const result = await step.run(`queue-page-${page}`, async () =>
        queueRecipients(await getDb(), { campaignId, occurrence, contactId, after, zones: wave ?? null }),
      );
      totals = { queued: totals.queued + result.queued.length, skipped: totals.skipped + result.skipped };
      const { integrationId, senderId } = result;
      if (integrationId && result.queued.length > 0)
        await step.sendEvent(
          `deliver-page-${page}`,
          deliveryEvents({ campaignId, integrationId, senderId }, result.queued),
        );
      if (!result.next) break;
      after = result.next;
    }
    if (!contactId && (wave?.last ?? true))
      await step.run("mark-queued", async () => markAudienceQueued(await getDb(), campaignId));
    return totals;
  },
);
