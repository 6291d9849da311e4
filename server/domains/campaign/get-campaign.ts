import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { checkLaunch } from "./check-launch";
import { messagingProfileOf } from "../../vendors/profiles";
import { achievedPace, PACE_WINDOW_MS, paceOf } from "./pace";
import {
  countMessagesByStatus,
  countOverdueReports,
  countSentSince,
  findCampaign,
  findCampaignParts,
  findMembersAndAgents,
} from "./queries";
import { REPORT_OVERDUE_MINUTES } from "./schema";

/**
 * A campaign with what it points at (names only, never integration secrets), what still blocks
 * its launch, and its funnel: messages per status across all its sends, and how many of the
 * sent ones are still waiting for a delivery report long after.
 */
export async function getCampaign(db: Db, workspaceId: string, id: string, now = new Date()) {
  const campaign = await findCampaign(db, workspaceId, id);
  if (!campaign) throw new DomainError("NOT_FOUND", "No such campaign in this workspace");
  const parts = await findCampaignParts(db, workspaceId, campaign);
  const [counts, overdueReports, recentlySent, staff] = await Promise.all([
    countMessagesByStatus(db, id),
    countOverdueReports(db, id, new Date(now.getTime() - REPORT_OVERDUE_MINUTES * 60_000)),
    campaign.status === "sending" ? countSentSince(db, id, new Date(now.getTime() - PACE_WINDOW_MS)) : null,
    findMembersAndAgents(db, workspaceId, id),
  ]);
  const n = (s: keyof typeof counts) => counts[s] ?? 0;
  // A vendor that only says it accepted a message (Attentive) never reports on it: its "sent"
  // reads "accepted", and no report is overdue.
  const reportsDelivery = parts.integration
    ? (messagingProfileOf(parts.integration.vendor)?.reportsDelivery ?? true)
    : true;
  return {
    reportsDelivery,
    campaign,
    integration: parts.integration
      ? {
          id: parts.integration.id,
          vendor: parts.integration.vendor,
          label: parts.integration.label,
          status: parts.integration.status,
        }
      : null,
    sender: parts.sender ? { id: parts.sender.id, name: parts.sender.name } : null,
    template: parts.template
      ? {
          id: parts.template.id,
          name: parts.template.name,
          language: parts.template.language,
          body: parts.template.body,
          status: parts.template.status,
        }
      : null,
    segment: parts.segment ? { id: parts.segment.id, name: parts.segment.name } : null,
    // Replies are assigned to the members in turn; agents are the users who could be added.
    members: staff.members,
    agents: staff.agents,
    launchIssues: campaign.status === "draft" ? checkLaunch(campaign, parts) : [],
    // Messages a second: the sender's pace, and, while sending, what the last seconds achieved.
    pace: {
      configured: paceOf(parts),
      achieved: recentlySent === null ? null : achievedPace(recentlySent),
    },
    // The funnel counts each message at the furthest step it reached.
    funnel: {
      queued: n("queued") + n("sent") + n("delivered") + n("read") + n("failed"),
      sent: n("sent") + n("delivered") + n("read"),
      delivered: n("delivered") + n("read"),
      read: n("read"),
      failed: n("failed"),
      skipped: n("skipped"),
      pending: n("queued"),
      // Sent more than REPORT_OVERDUE_MINUTES ago and not reported on since.
      overdueReports: reportsDelivery ? overdueReports : 0,
    },
  };
}
