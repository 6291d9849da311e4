import type { Db } from "@/db/client";
import { findSegmentOrThrow } from "./members";
import { segmentDefinition } from "./schema";

/**
 * One saved segment. `definition` is null for a static segment, and for a dynamic one whose
 * stored conditions no longer pass validation (`definitionValid` false), so the builder can
 * start again instead of failing to open it.
 */
export async function getSegment(db: Db, workspaceId: string, id: string) {
  const { definition, ...segment } = await findSegmentOrThrow(db, workspaceId, id);
  const parsed = segment.kind === "dynamic" ? segmentDefinition.safeParse(definition) : null;
  return {
    ...segment,
    definition: parsed?.success ? parsed.data : null,
    definitionValid: segment.kind === "static" || !!parsed?.success,
  };
}
