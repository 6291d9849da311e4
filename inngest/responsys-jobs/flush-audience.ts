import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { flushAudienceBatch, type FlushResult } from "@/server/domains/responsys-jobs/flush-audience";
import { inngest } from "@/server/jobs/client";
import { audienceFlushRequested } from "@/server/jobs/events";

/** Batches per run; a longer queue continues in a new run, so one run's history stays small. */
const MAX_BATCHES_PER_RUN = 10;

/**
 * Sends an export job's queue to Responsys in batches of 200, and a partial batch once its
 * oldest entry is due. Each batch id is a step of its own, so Inngest memoizes it: a retried
 * flush step (a vendor 5xx, a crash) resends the entries that batch claimed, never others.
 * Inngest's own event batching cannot carry the rule (it caps below 200 events and 5 minutes
 * on most plans), so the queue lives in PostgreSQL and this function only drains it.
 */
export default inngest.createFunction(
  {
    id: "flush-audience",
    triggers: [audienceFlushRequested],
    concurrency: [{ key: "event.data.jobId", limit: 1 }],
    retries: 5,
  },
  async ({ event, step }) => {
    const { jobId } = event.data;
    const batches: Extract<FlushResult, { sent: number }>[] = [];
    for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      const batchId = await step.run(`batch-id-${i}`, () => randomUUID());
      const result = await step.run(`flush-${i}`, async () => flushAudienceBatch(await getDb(), jobId, batchId));
      if ("reason" in result) break;
      batches.push(result);
      if (result.refused || !result.due) break;
    }
    const last = batches.at(-1);
    if (batches.length === MAX_BATCHES_PER_RUN && last?.due)
      await step.sendEvent("send-continue", audienceFlushRequested.create({ jobId }));
    return { batches: batches.map((b) => ({ size: b.claimed, sent: b.sent, failed: b.failed, refused: b.refused })) };
  },
);
