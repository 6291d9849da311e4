import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findHandKeptIntegration } from "./hsm-codes";
import { findTemplateWithIntegration, updateTemplateRow } from "./queries";

/**
 * An admin retires an HSM code Wavy no longer sends. It is kept (campaigns and sent messages
 * point at it) but no dialer line or campaign can use it; drafts using it are flagged.
 */
export async function retireTemplate(db: Db, actor: SessionUser, id: string) {
  const template = await findTemplateWithIntegration(db, actor.workspaceId, id);
  if (!template) throw new DomainError("NOT_FOUND", "No such template in this workspace");
  await findHandKeptIntegration(db, actor, template.integrationId);
  if (template.retiredAt) return { id };
  await db.transaction(async (tx) => {
    await updateTemplateRow(tx, id, { retiredAt: new Date() });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "template.retire",
      targetType: "template",
      targetId: id,
      details: { name: template.name, language: template.language },
    });
  });
  return { id };
}
