import { getDb } from "@/db/client";
import { deliverMessages } from "@/server/domains/campaign/deliver-messages";
import { findCampaignStatus, finishIfDone } from "@/server/domains/campaign/finish-campaign";
import { inngest } from "@/server/jobs/client";
import { campaignCancelled, campaignMessagesQueued, campaignResumed } from "@/server/jobs/events";

/**
 * Sends one chunk of a campaign's queued messages. Runs per integration are throttled to stay
 * under the vendors' rates (Meta's default 80 messages a second for WhatsApp numbers, divided
 * by the chunk size) and a few run at once per integration. A paused campaign's chunk waits
 * for the resume; a cancelled one is stopped, and its messages are skipped when it runs.
 */
export default inngest.createFunction(
  {
    id: "deliver-messages",
    triggers: [campaignMessagesQueued],
    idempotency: "event.id",
    throttle: { key: "event.data.integrationId", limit: 4, period: "1s" },
    concurrency: [{ key: "event.data.integrationId", limit: 4 }],
    cancelOn: [{ event: campaignCancelled, if: "async.data.campaignId == event.data.campaignId" }],
    retries: 5,
  },
  async ({ event, step }) => {
    const { campaignId, messageIds } = event.data;
    const status = await step.run("check-status", async () => findCampaignStatus(await getDb(), campaignId));
    if (status === "paused") {
      const resumed = await step.waitForEvent("wait-for-resume", { event: campaignResumed, timeout: "7d", if: "async.data.campaignId == event.data.campaignId" });
      if (!resumed) return { sent: 0, failed: 0, skipped: 0, expired: true };
    }
    const tally = await step.run("send", async () => deliverMessages(await getDb(), campaignId, messageIds));
    await step.run("finish-if-done", async () => finishIfDone(await getDb(), campaignId));
    return tally;
  },
);
