import { auditFilterOptions, listAudit } from "../../domains/audit/list-audit";
import { listAuditInput } from "../../domains/audit/schema";
import { adminProcedure, router } from "../init";

// The audit log is for admins only: it names every person's actions.
export const auditRouter = router({
  list: adminProcedure.input(listAuditInput).query(({ ctx, input }) => listAudit(ctx.db, ctx.user.workspaceId, input)),
  filters: adminProcedure.query(({ ctx }) => auditFilterOptions(ctx.db, ctx.user.workspaceId)),
});
