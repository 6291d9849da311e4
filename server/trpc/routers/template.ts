import { getTemplate } from "../../domains/template/get-template";
import { listTemplateFilters, listTemplates } from "../../domains/template/list-templates";
import { listTemplatesInput, syncTemplatesInput, templateIdInput } from "../../domains/template/schema";
import { syncTemplates } from "../../domains/template/sync-templates";
import { protectedProcedure, router } from "../init";

// Both roles: marketers browse templates to build campaigns, and may refresh them from Mitto
// (the use case only syncs integrations of their own workspace).
export const templateRouter = router({
  list: protectedProcedure
    .input(listTemplatesInput)
    .query(({ ctx, input }) => listTemplates(ctx.db, ctx.user.workspaceId, input)),
  filters: protectedProcedure.query(({ ctx }) => listTemplateFilters(ctx.db, ctx.user.workspaceId)),
  get: protectedProcedure
    .input(templateIdInput)
    .query(({ ctx, input }) => getTemplate(ctx.db, ctx.user.workspaceId, input.id)),
  // Called directly, not through the job, so the person who asked sees the counts at once.
  sync: protectedProcedure
    .input(syncTemplatesInput)
    .mutation(({ ctx, input }) => syncTemplates(ctx.db, ctx.user, input.integrationId)),
});
