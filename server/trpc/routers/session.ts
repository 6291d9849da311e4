import { getSessionOverview } from "../../domains/session/get-session-overview";
import { requestSessionPurge } from "../../domains/session/request-session-purge";
import { adminProcedure, router } from "../init";

export const sessionRouter = router({
  overview: adminProcedure.query(({ ctx }) => getSessionOverview(ctx.db, ctx.user.workspaceId)),
  requestPurge: adminProcedure.mutation(({ ctx }) => requestSessionPurge(ctx.db, ctx.user)),
});
