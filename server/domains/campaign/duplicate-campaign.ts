import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { insertCampaign } from "./insert-campaign";
import { findCampaign } from "./queries";
import { APP_CAMPAIGN_REFUSAL, campaignDraft } from "./schema";

const COPY = " (copy)";
const maxName = campaignDraft.shape.name.maxLength ?? 120;

/**
 * A new draft with everything a campaign was built from (channel, integration, sender, template
 * and its placeholders, audience, schedule, output parameters), so a launched campaign, which no
 * longer changes, can be changed as a copy. What it sent, its dialer lists and its state stay
 * with the original; launch checks the copy afresh.
 */
export async function duplicateCampaign(db: Db, actor: SessionUser, id: string) {
  return db.transaction(async (tx) => {
    const original = await findCampaign(tx, actor.workspaceId, id);
    if (!original) throw new DomainError("NOT_FOUND", "No such campaign in this workspace");
    if (original.trigger === "responsys_app") throw new DomainError("BAD_REQUEST", APP_CAMPAIGN_REFUSAL);
    const name = `${original.name.slice(0, maxName - COPY.length)}${COPY}`;
    const row = await insertCampaign(tx, {
      workspaceId: actor.workspaceId,
      createdBy: actor.userId,
      status: "draft",
      name,
      channel: original.channel,
      integrationId: original.integrationId,
      senderId: original.senderId,
      optInField: original.optInField,
      templateId: original.templateId,
      placeholderMappings: original.placeholderMappings,
      smsBody: original.smsBody,
      trigger: original.trigger,
      segmentId: original.segmentId,
      schedule: original.schedule,
      statusField: original.statusField,
      statusTimeoutMinutes: original.statusTimeoutMinutes,
      serviceLevelMinutes: original.serviceLevelMinutes,
    });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "campaign.duplicate",
      targetType: "campaign",
      targetId: row.id,
      details: { from: original.id, name },
    });
    return { id: row.id, name };
  });
}
