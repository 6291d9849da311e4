import { pollWhile, PROGRESS_POLL_MS } from "@/app/_trpc/live";
import { campaignStatuses } from "@/server/domains/campaign/schema";

export type CampaignStatusFilter = (typeof campaignStatuses)[number] | undefined;

/** The list's status filter from the address (?status=sending, the dashboard's link), else none. */
export const statusFromParams = (raw: string | string[] | undefined): CampaignStatusFilter =>
  campaignStatuses.find((s) => s === raw);

// Shared by the server prefetch and the client query, which must ask for the same thing.
export const campaignsListInput = (status: CampaignStatusFilter) => ({ limit: 50, status });
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
  if (liveStatuses.has(data.campaign.status)) return PROGRESS_POLL_MS;
  const awaitingReceipts = data.funnel.sent - data.funnel.delivered > 0;
  return pollWhile(awaitingReceipts && Date.now() - data.campaign.updatedAt.getTime() < RECEIPT_WINDOW_MS);
}
