import { createTemplate } from "../../domains/template/create-template";
import { getTemplate } from "../../domains/template/get-template";
import { importTemplates } from "../../domains/template/import-templates";
import { listTemplateFilters, listTemplates } from "../../domains/template/list-templates";
import { retireTemplate } from "../../domains/template/retire-template";
import {
  createTemplateInput,
  importTemplatesInput,
  listTemplatesInput,
  syncTemplatesInput,
  templateIdInput,
  updateTemplateInput,
} from "../../domains/template/schema";
import { syncTemplates } from "../../domains/template/sync-templates";
import { updateTemplate } from "../../domains/template/update-template";
import { adminProcedure, protectedProcedure, router } from "../init";

// Both roles: marketers browse templates to build campaigns, and may refresh them from Mitto
// (the use case only syncs integrations of their own workspace). Keeping HSM codes by hand, for
// vendors without a template API (Wavy), is for admins.
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
  create: adminProcedure
    .input(createTemplateInput)
    .mutation(({ ctx, input }) => createTemplate(ctx.db, ctx.user, input)),
  update: adminProcedure
    .input(updateTemplateInput)
    .mutation(({ ctx, input }) => updateTemplate(ctx.db, ctx.user, input)),
  retire: adminProcedure
    .input(templateIdInput)
    .mutation(({ ctx, input }) => retireTemplate(ctx.db, ctx.user, input.id)),
  importCsv: adminProcedure
    .input(importTemplatesInput)
    .mutation(({ ctx, input }) => importTemplates(ctx.db, ctx.user, input)),
});
