import { getDb } from "@/db/client";
import { deliverMessages } from "@/server/domains/campaign/deliver-messages";
import { finishIfDone } from "@/server/domains/campaign/finish-campaign";
import { RUNS_PER_SENDER } from "@/server/domains/campaign/pace";
import { settleFailedDelivery } from "@/server/domains/campaign/settle-interrupted-sends";
import { inngest } from "@/server/jobs/client";
import { campaignCancelled, campaignMessagesQueued } from "@/server/jobs/events";

/**
 * Sends one chunk of a campaign's queued messages in one step, paced inside it: a sender's
 * deliveries run RUNS_PER_SENDER at a time, each at that share of the sender's pace, so
 * campaigns sharing a sender share its pace. A pause stops the step within a second and leaves
 * the rest queued (the resume hands them over again: hand-over-queued); a cancel stops the
 * run, and what it had not sent is skipped. A run that fails for good leaves nothing queued.
 */
export default inngest.createFunction(
  {
    id: "deliver-messages",
    triggers: [campaignMessagesQueued],
    idempotency: "event.id",
    concurrency: [{ key: "event.data.paceKey", limit: RUNS_PER_SENDER }],
    cancelOn: [{ event: campaignCancelled, if: "async.data.campaignId == event.data.campaignId" }],
    retries: 5,
    onFailure: async ({ event, error }) => {
      const { campaignId, messageIds } = event.data.event.data as { campaignId: string; messageIds: string[] };
      await settleFailedDelivery(await getDb(), campaignId, messageIds, error.message);
    },
  },
  async ({ event, step }) => {
    const { campaignId, messageIds } = event.data;
    // Finishing in the same step saves a round trip to the engine between this sender's chunks.
    return step.run("send", async () => {
      const db = await getDb();
      const tally = await deliverMessages(db, campaignId, messageIds);
      if (!tally.paused) await finishIfDone(db, campaignId);
      return tally;
    });
  },
);
