import { getWorkspaceSettings } from "../../domains/workspace/get-settings";
import { getWorkspaceSummary } from "../../domains/workspace/get-summary";
import { rotateDeskToken } from "../../domains/workspace/rotate-desk-token";
import { setTimeZoneInput, updateKeywordsInput } from "../../domains/workspace/schema";
import { setTimeZone } from "../../domains/workspace/set-time-zone";
import { updateKeywords } from "../../domains/workspace/update-keywords";
import { adminProcedure, protectedProcedure, router } from "../init";

export const workspaceRouter = router({
  summary: protectedProcedure.query(({ ctx }) => getWorkspaceSummary(ctx.db, ctx.user.workspaceId)),
  // The settings page's workspace section: admins only, like every change below.
  settings: adminProcedure.query(({ ctx }) => getWorkspaceSettings(ctx.db, ctx.user.workspaceId)),
  updateKeywords: adminProcedure
    .input(updateKeywordsInput)
    .mutation(({ ctx, input }) => updateKeywords(ctx.db, ctx.user, input)),
  setTimeZone: adminProcedure
    .input(setTimeZoneInput)
    .mutation(({ ctx, input }) => setTimeZone(ctx.db, ctx.user, input)),
  rotateDeskToken: adminProcedure.mutation(({ ctx }) => rotateDeskToken(ctx.db, ctx.user)),
});
