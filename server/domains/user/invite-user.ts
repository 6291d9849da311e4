import { eq } from "drizzle-orm";
import type { z } from "zod";
import { schema, type Db } from "@/db/client";
import { issueOneTimePassword } from "../../auth/password";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import type { inviteUserInput } from "./schema";

/**
 * Creates the account with a one-time password that the admin hands over; there is no mail
 * service in the product yet, so the password is returned once and never stored in clear. It
 * expires after 72 hours and must be replaced at first sign-in (reissue-invite.ts issues another).
 */
export async function inviteUser(db: Db, actor: SessionUser, input: z.infer<typeof inviteUserInput>) {
  const { temporaryPassword, ...password } = await issueOneTimePassword();
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.email, input.email));
    if (taken) throw new DomainError("CONFLICT", `A user with the email ${input.email} already exists`, "email");
    const [user] = await tx
      .insert(schema.users)
      .values({
        workspaceId: actor.workspaceId,
        email: input.email,
        name: input.name,
        role: input.role,
        ...password,
        invitedAt: new Date(),
      })
      .returning({ id: schema.users.id, email: schema.users.email, name: schema.users.name, role: schema.users.role });
    if (!user) throw new Error("insert returned no row");
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "user.invite",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email, role: user.role },
    });
    return { user, temporaryPassword };
  });
}
