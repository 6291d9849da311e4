import { getDashboard } from "../../domains/dashboard/get-dashboard";
import { dashboardInput } from "../../domains/dashboard/schema";
import { listIntegrationProblems } from "../../domains/integration/list-integration-problems";
import { adminProcedure, protectedProcedure, router } from "../init";

export const dashboardRouter = router({
  // Both roles: marketers watch their sends, and both answer conversations.
  overview: protectedProcedure
    .input(dashboardInput)
    .query(({ ctx, input }) => getDashboard(ctx.db, ctx.user.workspaceId, input)),
  // Integrations are the admins' (their page is admin-only), so is their health.
  integrationProblems: adminProcedure.query(({ ctx }) => listIntegrationProblems(ctx.db, ctx.user.workspaceId)),
});
