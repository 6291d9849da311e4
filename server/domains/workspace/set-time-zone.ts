import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findWorkspaceForUpdate, updateWorkspace } from "./queries";
import type { setTimeZoneInput } from "./schema";

/**
 * Sets the zone scheduled sends use for contacts without one of their own (the schema has
 * checked it is an IANA zone this server knows). Campaigns already queued keep their waves.
 */
export async function setTimeZone(db: Db, actor: SessionUser, input: z.output<typeof setTimeZoneInput>) {
  return db.transaction(async (tx) => {
    const current = await findWorkspaceForUpdate(tx, actor.workspaceId);
    if (!current) throw new DomainError("NOT_FOUND", "No such workspace");
    if (current.defaultTimeZone === input.defaultTimeZone) return { defaultTimeZone: input.defaultTimeZone };
    await updateWorkspace(tx, actor.workspaceId, { defaultTimeZone: input.defaultTimeZone });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "workspace.set_time_zone",
      targetType: "workspace",
      targetId: actor.workspaceId,
      details: { from: current.defaultTimeZone, to: input.defaultTimeZone },
    });
    return { defaultTimeZone: input.defaultTimeZone };
  });
}
