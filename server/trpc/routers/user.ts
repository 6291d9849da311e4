import { changeUserRole } from "../../domains/user/change-user-role";
import { inviteUser } from "../../domains/user/invite-user";
import { listUsers } from "../../domains/user/list-users";
import { changeUserRoleInput, inviteUserInput, listUsersInput, setUserDisabledInput } from "../../domains/user/schema";
import { setUserDisabled } from "../../domains/user/set-user-disabled";
import { adminProcedure, router } from "../init";

export const userRouter = router({
  list: adminProcedure.input(listUsersInput).query(({ ctx, input }) => listUsers(ctx.db, ctx.user.workspaceId, input)),
  invite: adminProcedure.input(inviteUserInput).mutation(({ ctx, input }) => inviteUser(ctx.db, ctx.user, input)),
  changeRole: adminProcedure
    .input(changeUserRoleInput)
    .mutation(({ ctx, input }) => changeUserRole(ctx.db, ctx.user, input)),
  setDisabled: adminProcedure
    .input(setUserDisabledInput)
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.user, input)),
});
