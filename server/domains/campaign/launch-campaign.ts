import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { inngest } from "../../jobs/client";
import { campaignCancelled, campaignResumed, campaignSendRequested } from "../../jobs/events";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { checkLaunch } from "./check-launch";
import { countMessagesByStatus, findCampaign, findCampaignParts } from "./queries";
import { APP_CAMPAIGN_REFUSAL, campaignSchedule } from "./schema";
import { updateCampaignRow } from "./update-campaign-row";

async function campaignOrThrow(db: Db, actor: SessionUser, id: string) {
  const campaign = await findCampaign(db, actor.workspaceId, id);
  if (!campaign) throw new DomainError("NOT_FOUND", "No such campaign in this workspace");
  return campaign;
}

/** The occurrence key of a send that starts now: the launch instant, to the minute. */
const nowOccurrence = (at: Date) => `now:${at.toISOString().slice(0, 16)}`;

/**
 * Launch: every launch issue is reported at once and nothing changes while any remain. A
 * contact-activated campaign becomes active and waits for new contacts, a dialer one for
 * uploaded lists; a scheduled one with
 * no date sends now, otherwise it waits for its time (see run-scheduled-campaigns).
 */
export async function launchCampaign(db: Db, actor: SessionUser, id: string) {
  const campaign = await campaignOrThrow(db, actor, id);
  if (campaign.trigger === "responsys_app") throw new DomainError("BAD_REQUEST", APP_CAMPAIGN_REFUSAL);
  if (campaign.status !== "draft") throw new DomainError("CONFLICT", `This campaign is already ${campaign.status}`);
  const issues = checkLaunch(campaign, await findCampaignParts(db, actor.workspaceId, campaign));
  if (issues.length > 0) {
    const [first] = issues;
    throw new DomainError("BAD_REQUEST", `Before launching: ${issues.map((i) => i.message).join("; ")}`, first?.field);
  }
  const schedule = campaignSchedule.safeParse(campaign.schedule);
  const sendNow =
    campaign.trigger === "scheduled" && schedule.success && schedule.data.frequency === "once" && !schedule.data.date;
  // Contact-activated and dialer campaigns wait for contacts or uploaded lists.
  const status =
    campaign.trigger === "contact_activated" || campaign.trigger === "dialer"
      ? "active"
      : sendNow
        ? "sending"
        : "scheduled";
  const launchedAt = new Date();
  await db.transaction(async (tx) => {
    await updateCampaignRow(tx, id, { status, launchedAt });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "campaign.launch",
      targetType: "campaign",
      targetId: id,
      details: { status },
    });
  });
  if (sendNow) {
    try {
      await inngest.send(
        campaignSendRequested.create({ campaignId: id, occurrence: nowOccurrence(launchedAt), contactId: null }),
      );
    } catch (error) {
      // Nothing was queued: back to a draft, so the campaign never shows as sending when it is not.
      await db.transaction((tx) => updateCampaignRow(tx, id, { status: "draft", launchedAt: null }));
      throw new DomainError(
        "BAD_REQUEST",
        `Background jobs are unreachable, so the campaign was not launched: ${(error as Error).message}`,
      );
    }
  }
  return { id, status };
}

const transitions = {
  pause: { from: ["active", "scheduled", "sending"], to: "paused" },
  resume: { from: ["paused"], to: null },
  cancel: { from: ["active", "scheduled", "sending", "paused"], to: "cancelled" },
} as const;

/**
 * Pause, resume and cancel act within seconds: deliveries check the status before each chunk
 * (a paused chunk waits for the resume event), and cancel also stops the running functions.
 */
export async function changeCampaignState(db: Db, actor: SessionUser, id: string, action: keyof typeof transitions) {
  const campaign = await campaignOrThrow(db, actor, id);
  const rule = transitions[action];
  if (!(rule.from as readonly string[]).includes(campaign.status))
    throw new DomainError(
      "CONFLICT",
      `A ${campaign.status} campaign cannot be ${action === "pause" ? "paused" : action === "resume" ? "resumed" : "cancelled"}`,
    );
  // Resuming returns to what the campaign was doing: waiting for contacts, its schedule, or sending.
  const status =
    rule.to ??
    (campaign.trigger === "contact_activated" || campaign.trigger === "dialer" || campaign.trigger === "responsys_app"
      ? "active"
      : ((await countMessagesByStatus(db, id)).queued ?? 0) > 0
        ? "sending"
        : "scheduled");
  await db.transaction(async (tx) => {
    await updateCampaignRow(tx, id, { status });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: `campaign.${action}`,
      targetType: "campaign",
      targetId: id,
      details: { from: campaign.status, to: status },
    });
  });
  if (action === "resume") await inngest.send(campaignResumed.create({ campaignId: id }));
  if (action === "cancel") await inngest.send(campaignCancelled.create({ campaignId: id }));
  return { id, status };
}
