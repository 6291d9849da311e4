import type { Db } from "@/db/client";
import { compileDefinition } from "./compile";
import { findSegmentOrThrow, segmentWhere } from "./members";
import { countContacts, setSegmentCount } from "./queries";
import type { CountSegmentInput, SegmentDefinition } from "./schema";

/** How many of the workspace's contacts a definition matches, now. */
export function countDefinition(db: Db, workspaceId: string, definition: SegmentDefinition): Promise<number> {
  return countContacts(db, workspaceId, compileDefinition(definition));
}

/**
 * The live count of the definition being edited, or a recount of a saved segment, which is
 * kept as its last count. A recount is not an edit, so it writes no audit row.
 */
export async function countSegment(
  db: Db,
  workspaceId: string,
  input: CountSegmentInput,
): Promise<{ count: number; countedAt: Date }> {
  if (input.definition)
    return { count: await countDefinition(db, workspaceId, input.definition), countedAt: new Date() };
  const segment = await findSegmentOrThrow(db, workspaceId, input.id ?? "");
  const count = await countContacts(db, workspaceId, segmentWhere(segment));
  const countedAt = await setSegmentCount(db, segment.id, count);
  return { count, countedAt: countedAt ?? new Date() };
}
