import { RetryAfterError } from "inngest";
import { getDb } from "@/db/client";
import { applyMessageStatus, MessageNotYetKnown } from "@/server/domains/campaign/apply-message-status";
import { inngest } from "@/server/jobs/client";
import { messageStatusReceived } from "@/server/jobs/events";

/**
 * Vendors' status reports, applied in batches: a 100,000-message campaign brings three reports
 * per message, and one run per report would bury the queue. Each report is applied in its own
 * transaction under the message's row lock and claims its receipt, so a retried batch applies
 * nothing twice, and statuses only move forward, so order across batches does not matter.
 */
export default inngest.createFunction(
  {
    id: "apply-message-status",
    triggers: [messageStatusReceived],
    batchEvents: { maxSize: 100, timeout: "1s" },
    retries: 8,
  },
  async ({ events, step }) =>
    step.run("apply", async () => {
      const db = await getDb();
      let applied = 0;
      const unknown: string[] = [];
      for (const event of events) {
        try {
          await applyMessageStatus(db, event.data);
          applied++;
        } catch (error) {
          if (!(error instanceof MessageNotYetKnown)) throw error;
          unknown.push(error.message);
        }
      }
      // A vendor can report before our send has recorded the vendor's id: try those again shortly.
      if (unknown.length > 0) throw new RetryAfterError(`${unknown.length} of ${events.length} reports wait for their message: ${unknown[0]}`, 5_000);
      return { applied };
    }),
);
