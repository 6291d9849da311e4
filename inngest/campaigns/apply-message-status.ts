import { getDb } from "@/db/client";
import { applyMessageStatuses, dropUnknownReports } from "@/server/domains/campaign/apply-message-status";
import { inngest } from "@/server/jobs/client";
import { messageStatusesReceived } from "@/server/jobs/events";

// A report can beat the commit of its send's vendor id: reports whose message is not known
// yet are tried again after each wait, up to this many times (a minute in all), then dropped
// with the reason. Waiting in sleeps, not retries, keeps an error out of the log per try.
export const UNKNOWN_REPORT_WAIT_MS = 5_000;
export const UNKNOWN_REPORT_ROUNDS = 12;

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
  async ({ events, step }) => {
    const reports = events.flatMap((e) => e.data.reports);
    let pending = reports;
    let applied = 0;
    for (let round = 0; ; round++) {
      // Only the unknown receipts' ids go into the step's saved output: the reports are in the events.
      const outcome = await step.run(round === 0 ? "apply" : `apply-${round}`, async () => {
        const result = await applyMessageStatuses(await getDb(), pending);
        return { applied: result.applied, unknown: result.unknown.map((r) => r.receiptId) };
      });
      applied += outcome.applied;
      const unknown = new Set(outcome.unknown);
      pending = reports.filter((r) => unknown.has(r.receiptId));
      if (pending.length === 0) return { applied, dropped: 0 };
      if (round === UNKNOWN_REPORT_ROUNDS) break;
      await step.sleep(`wait-for-messages-${round}`, UNKNOWN_REPORT_WAIT_MS);
    }
    const dropped = await step.run("drop-unknown", async () =>
      dropUnknownReports(await getDb(), pending, UNKNOWN_REPORT_ROUNDS * UNKNOWN_REPORT_WAIT_MS),
    );
    return { applied, dropped };
  },
);
