import { getDb } from "@/db/client";
import { findRunnableProgram } from "@/server/domains/loyalty/reads";
import { pullLoyaltyActions } from "@/server/domains/loyalty/pull-loyalty-actions";
import { sendLoyaltySms } from "@/server/domains/loyalty/send-loyalty-sms";
import { inngest } from "@/server/jobs/client";
import { loyaltySmsRunRequested } from "@/server/jobs/events";

// Bounds per run, so one run stays well inside Inngest's 1,000 steps: up to 500 pages of members
// read (500,000 with pull-loyalty-actions' pages of 1,000; a bigger program goes on from there in
// the next run) and 2,000 texts (the next run sends the rest). A program of 100,000 members is
// read whole in one run, inside the 5 minutes between scheduled runs (bench/loyalty-cycle.ts).
const PULL_PAGES_PER_RUN = 500;
const SEND_BATCHES_PER_RUN = 40;

/**
 * One run of a workspace's loyalty program: new actions are pulled from Annex Cloud a page of
 * members at a time (one step a page, its Annex Cloud reads a few at a time), then the pending
 * ones are texted in batches. One run per workspace at a time; a run asked for while one is
 * going (the schedule, "Run now") is skipped, since the running one does the same work. Texts go
 * one after another, far below Attentive's 150 requests a second. Each step is safe to retry:
 * actions are stored once per Annex Cloud activity, and each text is claimed before it is sent.
 */
export default inngest.createFunction(
  {
    id: "send-loyalty-sms",
    triggers: [loyaltySmsRunRequested],
    singleton: { key: "event.data.workspaceId", mode: "skip" },
    retries: 4,
  },
  async ({ event, step }) => {
    const { workspaceId } = event.data;
    const totals = { members: 0, stored: 0, sent: 0, failed: 0, skipped: 0 };
    let after = await step.run(
      "start",
      async () => (await findRunnableProgram(await getDb(), workspaceId))?.pullCursor ?? null,
    );
    for (let page = 0; page < PULL_PAGES_PER_RUN; page++) {
      const pulled = await step.run(`pull-${page}`, async () => pullLoyaltyActions(await getDb(), workspaceId, after));
      totals.members += pulled.members;
      totals.stored += pulled.stored;
      after = pulled.next;
      if (!after) break;
    }
    for (let batch = 0; batch < SEND_BATCHES_PER_RUN; batch++) {
      const sent = await step.run(`send-${batch}`, async () => sendLoyaltySms(await getDb(), workspaceId));
      totals.sent += sent.sent;
      totals.failed += sent.failed;
      totals.skipped += sent.skipped;
      if (!sent.more) break;
    }
    return totals;
  },
);
