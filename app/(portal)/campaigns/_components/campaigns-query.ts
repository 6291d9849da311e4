// Shared by the server prefetch and the client query, which must ask for the same thing.
export const campaignsListInput = { limit: 50 };
export const campaignsPaging = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };

// The recipients table of one campaign.
export const messagesPageSize = 50;

/** Statuses in which the campaign is doing something, so its page keeps itself up to date. */
export const liveStatuses = new Set(["sending", "active", "scheduled"]);

// After sending, delivery receipts keep arriving for a while: the page keeps asking, more slowly,
// while messages are sent but not yet delivered or failed, for up to this long after the last change.
const RECEIPT_WINDOW_MS = 60 * 60_000;

/** How often a campaign's page asks again: every 2 s while it is doing something, then while receipts are due. */
export function pollInterval(data: {
  campaign: { status: string; updatedAt: Date };
  funnel: { sent: number; delivered: number };
}): number | false {
  if (liveStatuses.has(data.campaign.status)) return 2_000;
  const awaitingReceipts = data.funnel.sent - data.funnel.delivered > 0;
  return awaitingReceipts && Date.now() - data.campaign.updatedAt.getTime() < RECEIPT_WINDOW_MS ? 5_000 : false;
}
