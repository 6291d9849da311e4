import { getWorkspaceSummary } from "../../domains/workspace/get-summary";
import { protectedProcedure, router } from "../init";

export const workspaceRouter = router({
  summary: protectedProcedure.query(({ ctx }) => getWorkspaceSummary(ctx.db, ctx.user.workspaceId)),
});
