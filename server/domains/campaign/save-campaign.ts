import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { insertCampaign } from "./insert-campaign";
import { findCampaign } from "./queries";
import { APP_CAMPAIGN_REFUSAL, type createCampaignInput, type updateCampaignInput } from "./schema";
import { updateCampaignRow } from "./update-campaign-row";

/** A new campaign, saved as a draft however incomplete: launch is where completeness is checked. */
export async function createCampaign(db: Db, actor: SessionUser, input: z.infer<typeof createCampaignInput>) {
  return db.transaction(async (tx) => {
    const row = await insertCampaign(tx, {
      ...input,
      workspaceId: actor.workspaceId,
      createdBy: actor.userId,
      status: "draft",
    });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "campaign.create",
      targetType: "campaign",
      targetId: row.id,
      details: { name: input.name, channel: input.channel, trigger: input.trigger },
    });
    return row;
  });
}

/** Only drafts change: a launched campaign keeps what it sent with. */
export async function updateCampaign(db: Db, actor: SessionUser, input: z.infer<typeof updateCampaignInput>) {
  return db.transaction(async (tx) => {
    const current = await findCampaign(tx, actor.workspaceId, input.id);
    if (!current) throw new DomainError("NOT_FOUND", "No such campaign in this workspace");
    if (current.trigger === "responsys_app") throw new DomainError("BAD_REQUEST", APP_CAMPAIGN_REFUSAL);
    if (current.status !== "draft")
      throw new DomainError(
        "CONFLICT",
        `This campaign is ${current.status}; only drafts can be edited. Duplicate it to change it.`,
      );
    await updateCampaignRow(tx, input.id, input.data);
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "campaign.update",
      targetType: "campaign",
      targetId: input.id,
      details: { fields: Object.keys(input.data).sort() },
    });
    return { id: input.id };
  });
}
