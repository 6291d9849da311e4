import type { z } from "zod";
import type { ConsentKeyword } from "@/db/schema/workspaces";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findWorkspaceForUpdate, updateWorkspace } from "./queries";
import type { updateKeywordsInput } from "./schema";

const label = (k: ConsentKeyword) => `${k.keyword} (${k.language}, ${k.kind})`;

/**
 * Replaces the workspace's own consent keywords with the list as the admin left it (the input
 * schema has checked the rows and the rules across them). Inbound messages use the new list from
 * the next one on; consent already recorded is not revisited. Audited with what was added and
 * removed; saving the same list changes and audits nothing.
 */
export async function updateKeywords(db: Db, actor: SessionUser, input: z.output<typeof updateKeywordsInput>) {
  return db.transaction(async (tx) => {
    const current = await findWorkspaceForUpdate(tx, actor.workspaceId);
    if (!current) throw new DomainError("NOT_FOUND", "No such workspace");
    const before = current.keywords.map(label);
    const after = input.keywords.map(label);
    if (before.join("\n") === after.join("\n")) return { keywords: current.keywords, changed: false };
    await updateWorkspace(tx, actor.workspaceId, { consentKeywords: input.keywords });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "workspace.update_keywords",
      targetType: "workspace",
      targetId: actor.workspaceId,
      details: { added: after.filter((k) => !before.includes(k)), removed: before.filter((k) => !after.includes(k)) },
    });
    return { keywords: input.keywords, changed: true };
  });
}
