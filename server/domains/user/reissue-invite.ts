import type { z } from "zod";
import type { Db } from "@/db/client";
import { issueOneTimePassword } from "../../auth/password";
import { revokeUserSessions, type SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findUserInWorkspace, setPassword } from "./queries";
import type { reissueInviteInput } from "./schema";

/**
 * A new one-time password (72 h) for an invited user who has not yet chosen their own password,
 * e.g. because the first one expired. The old one stops working, and so does any session opened
 * with it. Someone who has chosen a password never gets one: an admin must not be able to sign in
 * as them.
 */
export async function reissueInvite(db: Db, actor: SessionUser, input: z.infer<typeof reissueInviteInput>) {
  const { temporaryPassword, ...password } = await issueOneTimePassword();
  const user = await db.transaction(async (tx) => {
    const user = await findUserInWorkspace(tx, actor.workspaceId, input.id);
    if (!user) throw new DomainError("NOT_FOUND", "No such user in this workspace");
    if (!user.oneTimePasswordExpiresAt)
      throw new DomainError(
        "BAD_REQUEST",
        `${user.email} has already chosen a password; only pending invites can be re-issued`,
      );
    await setPassword(tx, user.id, password);
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "user.reissue_invite",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email, expiresAt: password.oneTimePasswordExpiresAt.toISOString() },
    });
    return user;
  });
  await revokeUserSessions(user.id);
  return { user: { id: user.id, email: user.email }, temporaryPassword };
}
