import { countSegment } from "../../domains/segment/count-segment";
import { createSegment } from "../../domains/segment/create-segment";
import { createStaticSegment } from "../../domains/segment/create-static-segment";
import { deleteSegment } from "../../domains/segment/delete-segment";
import { getSegment } from "../../domains/segment/get-segment";
import { listSegments } from "../../domains/segment/list-segments";
import { previewSegment } from "../../domains/segment/preview-segment";
import {
  countSegmentInput,
  createSegmentInput,
  createStaticSegmentInput,
  listSegmentsInput,
  previewSegmentInput,
  segmentIdInput,
  updateSegmentInput,
} from "../../domains/segment/schema";
import { updateSegment } from "../../domains/segment/update-segment";
import { protectedProcedure, router } from "../init";

// Both roles: marketers build the audiences they send to, admins tidy them up.
export const segmentRouter = router({
  list: protectedProcedure
    .input(listSegmentsInput)
    .query(({ ctx, input }) => listSegments(ctx.db, ctx.user.workspaceId, input)),
  get: protectedProcedure
    .input(segmentIdInput)
    .query(({ ctx, input }) => getSegment(ctx.db, ctx.user.workspaceId, input.id)),
  create: protectedProcedure
    .input(createSegmentInput)
    .mutation(({ ctx, input }) => createSegment(ctx.db, ctx.user, input)),
  update: protectedProcedure
    .input(updateSegmentInput)
    .mutation(({ ctx, input }) => updateSegment(ctx.db, ctx.user, input)),
  delete: protectedProcedure
    .input(segmentIdInput)
    .mutation(({ ctx, input }) => deleteSegment(ctx.db, ctx.user, input.id)),
  // A query, so the builder's live count is cached per definition and dropped when stale.
  count: protectedProcedure
    .input(countSegmentInput)
    .query(({ ctx, input }) => countSegment(ctx.db, ctx.user.workspaceId, input)),
  preview: protectedProcedure
    .input(previewSegmentInput)
    .query(({ ctx, input }) => previewSegment(ctx.db, ctx.user.workspaceId, input)),
  createStatic: protectedProcedure
    .input(createStaticSegmentInput)
    .mutation(({ ctx, input }) => createStaticSegment(ctx.db, ctx.user, input)),
});
