import type { Db } from "@/db/client";
import { compileDefinition } from "./compile";
import { findSegmentOrThrow, segmentWhere } from "./members";
import { findContactsPage } from "./queries";
import type { PreviewSegmentInput } from "./schema";

/** The first members of a definition being edited or of a saved segment, a page at a time by contact id. */
export async function previewSegment(db: Db, workspaceId: string, input: PreviewSegmentInput) {
  const where = input.definition
    ? compileDefinition(input.definition)
    : segmentWhere(await findSegmentOrThrow(db, workspaceId, input.id ?? ""));
  const rows = await findContactsPage(db, workspaceId, where, input.cursor ?? null, input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? (items[items.length - 1]?.id ?? null) : null };
}
