import { changePassword } from "../../domains/user/change-password";
import { changeUserRole } from "../../domains/user/change-user-role";
import { inviteUser } from "../../domains/user/invite-user";
import { listUsers } from "../../domains/user/list-users";
import { reissueInvite } from "../../domains/user/reissue-invite";
import {
  changePasswordInput,
  changeUserRoleInput,
  choosePasswordInput,
  inviteUserInput,
  listUsersInput,
  reissueInviteInput,
  setUserDisabledInput,
} from "../../domains/user/schema";
import { setUserDisabled } from "../../domains/user/set-user-disabled";
import { listAdmins } from "../../domains/user/list-admins";
import { adminProcedure, protectedProcedure, router, signedInProcedure } from "../init";

export const userRouter = router({
  // Both roles: marketers see whom to ask for admin changes.
  admins: protectedProcedure.query(({ ctx }) => listAdmins(ctx.db, ctx.user.workspaceId)),
  list: adminProcedure.input(listUsersInput).query(({ ctx, input }) => listUsers(ctx.db, ctx.user.workspaceId, input)),
  invite: adminProcedure.input(inviteUserInput).mutation(({ ctx, input }) => inviteUser(ctx.db, ctx.user, input)),
  reissueInvite: adminProcedure
    .input(reissueInviteInput)
    .mutation(({ ctx, input }) => reissueInvite(ctx.db, ctx.user, input)),
  changeRole: adminProcedure
    .input(changeUserRoleInput)
    .mutation(({ ctx, input }) => changeUserRole(ctx.db, ctx.user, input)),
  setDisabled: adminProcedure
    .input(setUserDisabledInput)
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.user, input)),
  // Self-service: every signed-in user, for their own account only.
  changePassword: protectedProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx.db, ctx.user, input)),
  // Open to a session still on an invite's one-time password (the use case checks it is one).
  choosePassword: signedInProcedure
    .input(choosePasswordInput)
    .mutation(({ ctx, input }) =>
      changePassword(ctx.db, ctx.user, { currentPassword: null, newPassword: input.newPassword }),
    ),
});
