import { pushSegmentToAnnexInput } from "../../domains/segment/annex-schema";
import { listAnnexTargets, pushSegmentToAnnex } from "../../domains/segment/push-to-annex";
import { protectedProcedure, router } from "../init";

// Annex Cloud, reached through an Attentive integration's Annex site. Both roles:
// marketers push their segments; the targets list shows labels only, never settings.
export const annexRouter = router({
  targets: protectedProcedure.query(({ ctx }) => listAnnexTargets(ctx.db, ctx.user.workspaceId)),
  pushSegment: protectedProcedure
    .input(pushSegmentToAnnexInput)
    .mutation(({ ctx, input }) => pushSegmentToAnnex(ctx.db, ctx.user, input)),
});
