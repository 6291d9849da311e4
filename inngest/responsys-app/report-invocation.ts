import { getDb } from "@/db/client";
import { completeInvocation } from "@/server/domains/responsys-app/complete-invocation";
import { markInvocationFailed } from "@/server/domains/responsys-app/invocation-progress";
import { reportInvocation } from "@/server/domains/responsys-app/report-invocation";
import { inngest } from "@/server/jobs/client";
import { responsysInvocationQueued } from "@/server/jobs/events";

/**
 * How long to wait before looking for results again. Most delivery reports come within
 * seconds, so the first minutes are polled every 10 s; then the wait doubles every ten polls
 * up to 10 minutes, so a 24-hour status timeout stays far below Inngest's step limit.
 */
export function pollDelayMs(round: number) {
  return Math.min(10_000 * 2 ** Math.floor(round / 10), 600_000);
}

/**
 * Pushes an invocation's results back to Responsys as they become final, and the rest with
 * their last status once the campaign's status timeout has passed; then signals completion.
 * Every decision is taken from step results, so a replay takes the same path.
 */
export default inngest.createFunction(
  {
    id: "report-invocation",
    triggers: [responsysInvocationQueued],
    idempotency: 'event.data.invocationId + "-" + string(event.data.attempt)',
    concurrency: { key: "event.data.invocationId", limit: 1 },
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
    const { invocationId } = event.data;
    let pushed = 0;
    for (let round = 0; ; round++) {
      const progress = await step.run(`push-${round}`, async () => reportInvocation(await getDb(), invocationId));
      pushed += progress.pushed;
      if (progress.remaining === 0) break;
      if (progress.more) continue;
      const wait = pollDelayMs(round);
      if (Date.parse(progress.now) + wait < Date.parse(progress.deadline)) await step.sleep(`wait-${round}`, wait);
      else await step.sleepUntil(`deadline-${round}`, progress.deadline);
    }
    await step.run("complete", async () => completeInvocation(await getDb(), invocationId));
    return { pushed };
  },
);
