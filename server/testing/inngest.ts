import { InngestTestEngine } from "@inngest/test";
import { vi } from "vitest";
import { inngest } from "../jobs/client";
import { messageStatusesReceived, type StatusReport } from "../jobs/events";

// Tests have no Inngest server: what code sends is captured, and a function runs in
// @inngest/test's engine with the captured event, as the server would run it.

export type SentEvent = { name: string; data: Record<string, unknown> };

/** Captures events sent with inngest.send (those `keep` accepts) instead of sending them. */
export function captureEvents(keep: (event: SentEvent) => boolean = () => true) {
  const sent: SentEvent[] = [];
  vi.spyOn(inngest, "send").mockImplementation((payload) => {
    sent.push(...((Array.isArray(payload) ? payload : [payload]) as SentEvent[]).filter(keep));
    return Promise.resolve({ ids: [] });
  });
  return sent;
}

type Fn = ConstructorParameters<typeof InngestTestEngine>[0]["function"];

/**
 * Runs a function on one event. Its step.sendEvent steps (named in `sendStepIds`) are answered
 * here, and what they would have sent is returned in `sent`. The engine records the run's
 * step results into the list of steps it is given, so each run gets a fresh one.
 */
export async function runFunction(
  fn: Fn,
  event: SentEvent,
  sendStepIds: string[],
  extraSteps: { id: string; handler: () => unknown }[] = [],
) {
  const steps = [...sendStepIds.map((id) => ({ id, handler: () => ({ ids: [] }) })), ...extraSteps];
  const { result, error, ctx } = await new InngestTestEngine({ function: fn }).execute({
    events: [event as never],
    steps,
  });
  const calls = ctx.step.sendEvent.mock.calls as unknown as [string, SentEvent | SentEvent[]][];
  return {
    result,
    error: error as Error | undefined,
    sent: calls.flatMap(([, events]) => (Array.isArray(events) ? events : [events])),
  };
}

/** The status reports handed to the engine among `events`, one by one. */
export function statusReportsIn(events: SentEvent[]): StatusReport[] {
  return events
    .filter((e) => e.name === messageStatusesReceived.name)
    .flatMap((e) => (e.data as { reports: StatusReport[] }).reports);
}
