/** WhatsApp's customer service window: free-form replies until this long after the customer's last message. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The 24-hour customer service window and the service level, as the screen shows them.
 * Free-form replies are allowed until sessionExpiresAt; after it, only a template. A customer
 * waiting for an answer should have one by awaitingReplySince + the campaign's service level.
 */
export function windowState(
  c: {
    state: "open" | "closed";
    sessionExpiresAt: Date | null;
    awaitingReplySince: Date | null;
    serviceLevelMinutes: number | null;
  },
  now: Date,
) {
  const windowOpen = c.sessionExpiresAt !== null && c.sessionExpiresAt > now;
  // The window is always the last customer message + 24 h (touchConversation), so it tells when they wrote.
  const customerWroteAt = c.sessionExpiresAt && new Date(c.sessionExpiresAt.getTime() - WINDOW_MS);
  const waiting = c.state === "open" && c.awaitingReplySince !== null;
  const responseDueAt =
    waiting && c.serviceLevelMinutes !== null && c.awaitingReplySince
      ? new Date(c.awaitingReplySince.getTime() + c.serviceLevelMinutes * 60_000)
      : null;
  return {
    windowOpen,
    customerWroteAt,
    waiting,
    responseDueAt,
    overdue: responseDueAt !== null && responseDueAt < now,
  };
}
