import { getDb } from "@/db/client";
import { reconcileAudience } from "@/server/domains/responsys-jobs/reconcile-audience";
import { inngest } from "@/server/jobs/client";
import { audienceFlushRequested, audienceReconcileRequested } from "@/server/jobs/events";

/**
 * Queues the contacts that entered or left an export job's segment, one run per job at a time
 * (the snapshot statements are safe concurrently, one at a time is simply less work). When 200
 * or more wait, the flush starts now rather than at the next timeout check.
 */
export default inngest.createFunction(
  {
    id: "reconcile-audience",
    triggers: [audienceReconcileRequested],
    concurrency: [{ key: "event.data.jobId", limit: 1 }],
    retries: 3,
  },
  async ({ event, step }) => {
    const result = await step.run("reconcile", async () => reconcileAudience(await getDb(), event.data.jobId));
    if (!result.skipped && result.full)
      await step.sendEvent("send-flush", audienceFlushRequested.create({ jobId: event.data.jobId }));
    return result;
  },
);
