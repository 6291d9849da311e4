import { RetryAfterError } from "inngest";
import { getDb } from "@/db/client";
import { applyMessageStatuses } from "@/server/domains/campaign/apply-message-status";
import { inngest } from "@/server/jobs/client";
import { messageStatusesReceived } from "@/server/jobs/events";

/**
 * Vendors' status reports, applied in batches (up to 50 events of up to 200 reports) in one
 * transaction each: a 100,000-message campaign brings three reports per message, and one run
 * (or one transaction) per report would fall behind the sends. A retried batch applies nothing twice
 * (each report claims its receipt), and statuses only move forward, so order does not matter.
 */
export default inngest.createFunction(
  {
    id: "apply-message-status",
    triggers: [messageStatusesReceived],
    batchEvents: { maxSize: 50, timeout: "1s" },
    retries: 8,
  },
  async ({ events, step }) =>
    step.run("apply", async () => {
      const { applied, unknown } = await applyMessageStatuses(
        await getDb(),
        events.flatMap((e) => e.data.reports),
      );
      // A vendor can report before our send has recorded the vendor's id: try those again shortly.
      if (unknown.length > 0) {
        const [first] = unknown;
        throw new RetryAfterError(
          `${unknown.length} reports wait for their message: no message ${first?.update.vendorMessageId} of integration ${first?.integrationId} yet`,
          5_000,
        );
      }
      return { applied };
    }),
);
