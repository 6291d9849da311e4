import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { hashDeskToken, newDeskToken } from "./desk-token";
import { findWorkspaceForUpdate, updateWorkspace } from "./queries";

/**
 * A new desk token: the previous one (or, on the first rotation, the derived one) stops working
 * at once. The token is returned here and nowhere else, ever; the audit row says when, not what.
 */
export async function rotateDeskToken(db: Db, actor: SessionUser) {
  return db.transaction(async (tx) => {
    const current = await findWorkspaceForUpdate(tx, actor.workspaceId);
    if (!current) throw new DomainError("NOT_FOUND", "No such workspace");
    const token = newDeskToken();
    const setAt = new Date();
    await updateWorkspace(tx, actor.workspaceId, { deskTokenHash: hashDeskToken(token), deskTokenSetAt: setAt });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "workspace.rotate_desk_token",
      targetType: "workspace",
      targetId: actor.workspaceId,
      details: { replaced: current.deskTokenSetAt ? "rotated token" : "derived token" },
    });
    return { token, setAt };
  });
}
