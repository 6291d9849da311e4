import { RetryAfterError } from "inngest";
import { getDb } from "@/db/client";
import { applyMessageStatus, MessageNotYetKnown } from "@/server/domains/campaign/apply-message-status";
import { inngest } from "@/server/jobs/client";
import { messageStatusReceived } from "@/server/jobs/events";

export default inngest.createFunction(
  {
    id: "apply-message-status",
    triggers: [messageStatusReceived],
    idempotency: "event.data.receiptId",
    // One message's reports one at a time, so two never race on its current status.
    concurrency: { limit: 1, key: "event.data.update.vendorMessageId" },
    retries: 8,
  },
  async ({ event, step }) =>
    step.run("apply", async () => {
      try {
        return await applyMessageStatus(await getDb(), event.data);
      } catch (error) {
        // A vendor can report before our send has recorded the vendor's id: try again shortly.
        if (error instanceof MessageNotYetKnown) throw new RetryAfterError(error.message, 5_000);
        throw error;
      }
    }),
);
