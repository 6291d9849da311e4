import { getDb } from "@/db/client";
import { deliveryEvents } from "@/server/domains/campaign/delivery-events";
import { markInvocationFailed, markInvocationQueued } from "@/server/domains/responsys-app/invocation-progress";
import { queueInvocationRows } from "@/server/domains/responsys-app/queue-invocation-rows";
import { inngest } from "@/server/jobs/client";
import { responsysInvocationQueued, responsysInvocationReceived } from "@/server/jobs/events";

/**
 * A Responsys invoke (rows inline, or pulled page by page from the export endpoint), a slice of
 * rows per step: each row checked and turned into a message of the service's campaign, the
 * queued ones handed to deliver-messages in chunks. Then report-invocation takes over.
 */
export default inngest.createFunction(
  {
    id: "run-invocation",
    triggers: [responsysInvocationReceived],
    idempotency: 'event.data.invocationId + "-" + string(event.data.attempt)',
    retries: 5,
    onFailure: async ({ event, error }) => {
      await markInvocationFailed(
        await getDb(),
        (event.data.event.data as { invocationId: string }).invocationId,
        error.message,
      );
    },
  },
  async ({ event, step }) => {
    const { invocationId, attempt } = event.data;
    let offset: number | null = 0;
    const totals = { rows: 0, queued: 0, unreportable: 0 };
    for (let page = 0; offset !== null; page++) {
      const from: number = offset;
      const result = await step.run(`queue-page-${page}`, async () =>
        queueInvocationRows(await getDb(), invocationId, from),
      );
      if (result.messageIds.length > 0)
        await step.sendEvent(`deliver-page-${page}`, deliveryEvents(result, result.messageIds));
      totals.rows += result.rows;
      totals.queued += result.messageIds.length;
      totals.unreportable += result.unreportable;
      offset = result.next;
    }
    await step.run("mark-queued", async () => markInvocationQueued(await getDb(), invocationId));
    await step.sendEvent("report", responsysInvocationQueued.create({ invocationId, attempt }));
    return totals;
  },
);
