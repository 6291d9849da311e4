import { eq } from "drizzle-orm";
import type { z } from "zod";
import { schema, type Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { countActiveAdmins, findUserInWorkspace } from "./queries";
import type { changeUserRoleInput } from "./schema";

export async function changeUserRole(db: Db, actor: SessionUser, input: z.infer<typeof changeUserRoleInput>) {
  return db.transaction(async (tx) => {
    const user = await findUserInWorkspace(tx, actor.workspaceId, input.id);
    if (!user) throw new DomainError("NOT_FOUND", "No such user in this workspace");
    if (user.id === actor.userId)
      throw new DomainError("BAD_REQUEST", "You cannot change your own role; ask another admin", "role");
    if (user.role === input.data.role) return { id: user.id, role: user.role };
    if (user.role === "admin" && !user.disabledAt && (await countActiveAdmins(tx, actor.workspaceId)) <= 1) {
      throw new DomainError("BAD_REQUEST", "The workspace needs at least one active admin", "role");
    }
    await tx.update(schema.users).set({ role: input.data.role }).where(eq(schema.users.id, user.id));
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "user.change_role",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email, from: user.role, to: input.data.role },
    });
    return { id: user.id, role: input.data.role };
  });
}
