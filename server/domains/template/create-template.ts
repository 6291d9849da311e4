import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findHandKeptIntegration, hsmValues } from "./hsm-codes";
import { findStoredTemplatesForUpdate, insertTemplate, updateTemplateRow } from "./queries";
import type { HsmCodeFields } from "./schema";

/**
 * An admin adds an HSM code to an integration without a template API (Wavy). A code retired
 * earlier in the same language comes back with the new body; an active one is edited instead.
 */
export async function createTemplate(db: Db, actor: SessionUser, input: HsmCodeFields & { integrationId: string }) {
  const integration = await findHandKeptIntegration(db, actor, input.integrationId);
  const values = hsmValues(input);
  const now = new Date();
  return db.transaction(async (tx) => {
    const existing = (await findStoredTemplatesForUpdate(tx, integration.id)).find(
      (t) => t.name === input.name && t.language === input.language,
    );
    if (existing && !existing.retiredAt)
      throw new DomainError("CONFLICT", `${input.name} (${input.language}) already exists: edit it instead`, "name");
    let id: string;
    if (existing) {
      id = existing.id;
      await updateTemplateRow(tx, id, { ...values, retiredAt: null, editedAt: now, statusChangedAt: now });
    } else
      id = await insertTemplate(tx, integration.id, { name: input.name, language: input.language, ...values }, now);
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "template.create",
      targetType: "template",
      targetId: id,
      details: { integrationId: integration.id, name: input.name, language: input.language, restored: !!existing },
    });
    return { id };
  });
}
