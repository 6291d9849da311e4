import { cron } from "inngest";
import { getDb } from "@/db/client";
import { findDueJobs, findJobsToReconcile } from "@/server/domains/responsys-jobs/scheduled-jobs";
import { inngest } from "@/server/jobs/client";
import { audienceFlushRequested, audienceReconcileRequested } from "@/server/jobs/events";

/**
 * Every minute: each active export job reconciles its segment (contacts entering or leaving
 * are queued), and each job whose oldest queued entry has waited its timeout (10 minutes by
 * default) is flushed, so a partial batch goes out. Full batches of 200 are flushed as soon
 * as a reconcile queues them (reconcile-audience), not here.
 */
export default inngest.createFunction(
  { id: "schedule-export-jobs", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => {
    const jobs = await step.run("find-exports", async () => findJobsToReconcile(await getDb()));
    const due = await step.run("find-due", async () => findDueJobs(await getDb()));
    if (jobs.length > 0)
      await step.sendEvent(
        "send-reconciles",
        jobs.map((jobId) => audienceReconcileRequested.create({ jobId })),
      );
    if (due.length > 0)
      await step.sendEvent(
        "send-flushes",
        due.map((jobId) => audienceFlushRequested.create({ jobId })),
      );
    return { reconciled: jobs.length, flushed: due.length };
  },
);
