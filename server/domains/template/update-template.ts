import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findHandKeptIntegration, hsmChanged, hsmValues } from "./hsm-codes";
import { findStoredTemplatesForUpdate, findTemplateWithIntegration, updateTemplateRow } from "./queries";
import type { HsmCodeFields } from "./schema";

/**
 * An admin edits an HSM code's category, body or status. A real change stamps editedAt, so
 * draft campaigns saved before it are flagged (check-launch.ts) until someone looks again.
 */
export async function updateTemplate(
  db: Db,
  actor: SessionUser,
  input: { id: string; data: Omit<HsmCodeFields, "name" | "language"> },
) {
  const template = await findTemplateWithIntegration(db, actor.workspaceId, input.id);
  if (!template) throw new DomainError("NOT_FOUND", "No such template in this workspace");
  await findHandKeptIntegration(db, actor, template.integrationId);
  if (template.retiredAt)
    throw new DomainError("CONFLICT", `${template.name} is retired: add it again to use it`, "name");
  const values = hsmValues(input.data);
  const now = new Date();
  await db.transaction(async (tx) => {
    const stored = (await findStoredTemplatesForUpdate(tx, template.integrationId)).find((t) => t.id === template.id);
    if (!stored || !hsmChanged(stored, values)) return;
    await updateTemplateRow(tx, template.id, {
      ...values,
      editedAt: now,
      ...(stored.status !== values.status ? { statusChangedAt: now } : {}),
    });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "template.update",
      targetType: "template",
      targetId: template.id,
      details: {
        name: template.name,
        language: template.language,
        changed: (["category", "status", "body"] as const).filter((f) => stored[f] !== values[f]),
      },
    });
  });
  return { id: template.id };
}
