import { getDb } from "@/db/client";
import { syncAttentiveSubscription } from "@/server/domains/loyalty/sync-attentive-subscription";
import { inngest } from "@/server/jobs/client";
import { attentiveSubscriptionSyncRequested } from "@/server/jobs/events";

const RETRIES = 4;

/**
 * A number's SMS consent changed (a contact's or not): its Attentive subscription follows. One
 * at a time per number, so a quick opt-in and opt-out are not crossed; throttled per workspace under
 * Attentive's unsubscribe limit of 5 requests a second (subscribe allows 10).
 */
export default inngest.createFunction(
  {
    id: "sync-attentive-subscription",
    triggers: [attentiveSubscriptionSyncRequested],
    idempotency: "event.data.consentEventId",
    concurrency: { key: "event.data.address", limit: 1 },
    throttle: { key: "event.data.workspaceId", limit: 5, period: "1s" },
    retries: RETRIES,
  },
  async ({ event, step, attempt }) =>
    step.run("sync", async () => syncAttentiveSubscription(await getDb(), event.data, attempt >= RETRIES)),
);
