import { getProgram } from "../../domains/loyalty/get-program";
import { listActions } from "../../domains/loyalty/list-actions";
import { requestRun } from "../../domains/loyalty/request-run";
import { saveProgram } from "../../domains/loyalty/save-program";
import { listActionsInput, saveProgramInput } from "../../domains/loyalty/schema";
import { protectedProcedure, router } from "../init";

// Loyalty SMS. Both roles: the program's texts are the marketer's to write; the
// integration list shows labels only, never settings.
export const loyaltyRouter = router({
  program: protectedProcedure.query(({ ctx }) => getProgram(ctx.db, ctx.user.workspaceId)),
  save: protectedProcedure.input(saveProgramInput).mutation(({ ctx, input }) => saveProgram(ctx.db, ctx.user, input)),
  runNow: protectedProcedure.mutation(({ ctx }) => requestRun(ctx.db, ctx.user)),
  actions: protectedProcedure
    .input(listActionsInput)
    .query(({ ctx, input }) => listActions(ctx.db, ctx.user.workspaceId, input)),
});
