import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { findCampaignById } from "../campaign/reads";
import { findCampaignResponseTimes } from "./queries";

/**
 * How fast a campaign's replies were answered, for admins on the campaign page: the median time
 * to first response over the answered conversations, and the share within the service level
 * among those whose outcome is known (answered, or unanswered past the due time).
 */
export async function campaignResponseTimes(db: Db, workspaceId: string, campaignId: string, now = new Date()) {
  const campaign = await findCampaignById(db, campaignId);
  if (campaign?.workspaceId !== workspaceId) throw new DomainError("NOT_FOUND", "No such campaign in this workspace");
  const times = await findCampaignResponseTimes(db, workspaceId, campaignId, now);
  const judged = times.answered + times.overdueUnanswered;
  return {
    serviceLevelMinutes: campaign.serviceLevelMinutes,
    conversations: times.conversations,
    answered: times.answered,
    medianSeconds: times.medianSeconds,
    withinServiceLevel:
      campaign.serviceLevelMinutes === null || judged === 0 ? null : times.withinServiceLevel / judged,
  };
}
