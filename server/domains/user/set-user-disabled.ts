import { eq } from "drizzle-orm";
import type { z } from "zod";
import { schema, type Db } from "@/db/client";
import { revokeUserSessions } from "../../auth/sessions";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { countActiveAdmins, findUserInWorkspace } from "./queries";
import type { setUserDisabledInput } from "./schema";

export async function setUserDisabled(db: Db, actor: SessionUser, input: z.infer<typeof setUserDisabledInput>) {
  const result = await db.transaction(async (tx) => {
    const user = await findUserInWorkspace(tx, actor.workspaceId, input.id);
    if (!user) throw new DomainError("NOT_FOUND", "No such user in this workspace");
    if (user.id === actor.userId)
      throw new DomainError("BAD_REQUEST", "You cannot disable your own account", "disabled");
    if (
      input.data.disabled &&
      user.role === "admin" &&
      !user.disabledAt &&
      (await countActiveAdmins(tx, actor.workspaceId)) <= 1
    ) {
      throw new DomainError("BAD_REQUEST", "The workspace needs at least one active admin", "disabled");
    }
    await tx
      .update(schema.users)
      .set({ disabledAt: input.data.disabled ? new Date() : null })
      .where(eq(schema.users.id, user.id));
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: input.data.disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email },
    });
    return { id: user.id, disabled: input.data.disabled };
  });
  // Sessions are also refused because the user row is disabled; revoking them keeps the list honest.
  if (result.disabled) await revokeUserSessions(result.id);
  return result;
}
