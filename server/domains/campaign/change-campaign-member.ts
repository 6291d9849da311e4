import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { deleteMember, findCampaign, findWorkspaceAgent, insertMember } from "./queries";
import { APP_CAMPAIGN_REFUSAL, type campaignMemberInput } from "./schema";

/**
 * Adds or removes one of the campaign's member agents, whatever the campaign's status: who
 * answers replies changes while a campaign runs. Only enabled users of the workspace can be
 * added; the change is audited.
 */
export async function changeCampaignMember(
  db: Db,
  actor: SessionUser,
  input: z.infer<typeof campaignMemberInput>,
  change: "add" | "remove",
) {
  return db.transaction(async (tx) => {
    const campaign = await findCampaign(tx, actor.workspaceId, input.id);
    if (!campaign) throw new DomainError("NOT_FOUND", "No such campaign in this workspace");
    if (campaign.trigger === "responsys_app") throw new DomainError("BAD_REQUEST", APP_CAMPAIGN_REFUSAL);
    let changed: boolean;
    if (change === "add") {
      const agent = await findWorkspaceAgent(tx, actor.workspaceId, input.userId);
      if (!agent) throw new DomainError("NOT_FOUND", "No such enabled user in this workspace", "userId");
      changed = await insertMember(tx, input.id, input.userId);
    } else changed = await deleteMember(tx, input.id, input.userId);
    if (changed)
      await writeAudit(tx, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: `campaign.member.${change}`,
        targetType: "campaign",
        targetId: input.id,
        details: { userId: input.userId },
      });
    return { id: input.id, userId: input.userId, changed };
  });
}
