import type { Db } from "@/db/client";
import { hashPassword, verifyPassword } from "../../auth/password";
import { revokeUserSessions, type SessionUser } from "../../auth/sessions";
import { beginLoginAttempt, markLoginSucceeded } from "../../auth/throttle";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findPasswordOf, setPassword } from "./queries";

/**
 * The signed-in user replaces their password: with the current one, or, right after signing in
 * with an invite's one-time password (`currentPassword: null`), without typing it again. Every
 * other session of theirs ends, so whoever knew the old password is signed out everywhere.
 */
export async function changePassword(
  db: Db,
  actor: SessionUser,
  input: { currentPassword: string | null; newPassword: string },
) {
  // The current password is checked behind the sign-in throttle, keyed by the account and this
  // session: whoever holds a stolen session guesses it no faster than at the login form.
  const gate =
    input.currentPassword === null
      ? null
      : await beginLoginAttempt({
          email: actor.email,
          ip: `session:${actor.sessionId}`,
          trustedAddress: false,
          deviceId: null,
        });
  if (gate && "retryAfterSeconds" in gate)
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      `Too many wrong passwords: try again in ${gate.retryAfterSeconds} s`,
      "currentPassword",
    );
  // The checks run bcrypt outside any transaction; the row is read again, locked, to write.
  const row = await findPasswordOf(db, actor.userId);
  if (!row) throw new DomainError("NOT_FOUND", "No such user");
  const firstSignIn = row.oneTimePasswordExpiresAt !== null;
  if (input.currentPassword === null && !firstSignIn)
    throw new DomainError("BAD_REQUEST", "Enter your current password", "currentPassword");
  if (input.currentPassword !== null && !(await verifyPassword(input.currentPassword, row.passwordHash)))
    throw new DomainError("BAD_REQUEST", "That is not your current password", "currentPassword");
  // A right current password clears the account's failures even if the new one is refused.
  if (gate) await markLoginSucceeded(gate.attemptId);
  if (await verifyPassword(input.newPassword, row.passwordHash))
    throw new DomainError("BAD_REQUEST", "Choose a password different from the current one", "newPassword");
  const mailbox = row.email.split("@")[0] ?? "";
  if (mailbox.length >= 4 && input.newPassword.toLowerCase().includes(mailbox))
    throw new DomainError("BAD_REQUEST", "Choose a password that does not contain your email address", "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    const current = await findPasswordOf(tx, actor.userId);
    // Changed meanwhile (another of their sessions): this check was against an old password.
    if (current?.passwordHash !== row.passwordHash)
      throw new DomainError("CONFLICT", "Your password was just changed elsewhere: sign in again", "currentPassword");
    await setPassword(tx, actor.userId, { passwordHash, oneTimePasswordExpiresAt: null });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "user.change_password",
      targetType: "user",
      targetId: actor.userId,
      details: { email: row.email, firstSignIn },
    });
  });
  await revokeUserSessions(actor.userId, actor.sessionId);
  return { changed: true };
}
