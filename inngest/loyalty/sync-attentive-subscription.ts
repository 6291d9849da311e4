import { getDb } from "@/db/client";
import { syncAttentiveSubscription } from "@/server/domains/loyalty/sync-attentive-subscription";
import { inngest } from "@/server/jobs/client";
import { attentiveSubscriptionSyncRequested } from "@/server/jobs/events";

const RETRIES = 4;

/**
 * A contact's SMS consent changed: their Attentive subscription follows. One at a time per
 * contact, so a quick opt-in and opt-out are not crossed; throttled per workspace under
 * Attentive's unsubscribe limit of 5 requests a second (subscribe allows 10).
 */
export default inngest.createFunction(
  {
    id: "sync-attentive-subscription",
    triggers: [attentiveSubscriptionSyncRequested],
    idempotency: "event.data.consentEventId",
    concurrency: { key: "event.data.contactId", limit: 1 },
    throttle: { key: "event.data.workspaceId", limit: 5, period: "1s" },
    retries: RETRIES,
  },
  async ({ event, step, attempt }) =>
    step.run("sync", async () => syncAttentiveSubscription(await getDb(), event.data, attempt >= RETRIES)),
);
