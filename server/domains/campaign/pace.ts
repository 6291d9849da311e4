import { defaultPaceOf } from "../../vendors/profiles";

/**
 * Delivery runs of one sender at a time, each pacing itself at this share of the sender's pace:
 * two overlap, so one's bookkeeping between chunks does not leave the sender idle, and campaigns
 * sharing a sender share its pace.
 */
export const RUNS_PER_SENDER = 2;

/** Messages a second the campaign's sender (or, for vendors without senders, its integration) may send. */
export function paceOf(parts: {
  sender: { messagesPerSecond: number | null } | null;
  integration: { vendor: string } | null;
}): number {
  return parts.sender?.messagesPerSecond ?? defaultPaceOf(parts.integration?.vendor ?? "");
}

/** The achieved pace is what was handed to the vendor over this window. */
export const PACE_WINDOW_MS = 10_000;

/** Messages a second achieved, to one decimal, from those handed over in the last PACE_WINDOW_MS. */
export const achievedPace = (sentInWindow: number) => Math.round((sentInWindow / PACE_WINDOW_MS) * 1000 * 10) / 10;

/** What deliveries of one pace share: the sender, else the integration. */
export const paceKeyOf = (integrationId: string, senderId: string | null) => senderId ?? integrationId;

/**
 * Hands out send slots `perSecond` a second, evenly spaced from the first. Slots missed while
 * callers were busy (a slow answer, a late timer) are made up for, a tenth of a second's worth
 * at most, so the rate is held without bursting far past it.
 */
export function pacer(perSecond: number): () => Promise<void> {
  const interval = 1000 / perSecond;
  let next: number | null = null;
  return async () => {
    const now = performance.now();
    const at = Math.max(next ?? now, now - 100);
    next = at + interval;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
}
