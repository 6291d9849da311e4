import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { segmentWhere } from "./members";
import { countContacts, findSegmentForUpdate, setSegmentCount, updateSegmentRow } from "./queries";
import { countConditions, type UpdateSegmentInput } from "./schema";

/**
 * Renames, describes or redefines a segment, then recounts it. A static segment's members come
 * from its upload and cannot be turned into conditions.
 */
export async function updateSegment(db: Db, actor: SessionUser, input: UpdateSegmentInput) {
  const { data } = input;
  return db.transaction(async (tx) => {
    const segment = await findSegmentForUpdate(tx, actor.workspaceId, input.id);
    if (!segment) throw new DomainError("NOT_FOUND", "No such segment in this workspace");
    if (data.definition && segment.kind === "static")
      throw new DomainError(
        "BAD_REQUEST",
        "A static segment has no conditions: upload a new list instead",
        "definition",
      );

    const set: { name?: string; description?: string | null; definition?: unknown } = {};
    if (data.name !== undefined && data.name !== segment.name) set.name = data.name;
    if (data.description !== undefined && data.description !== segment.description) set.description = data.description;
    if (data.definition && JSON.stringify(data.definition) !== JSON.stringify(segment.definition))
      set.definition = data.definition;
    const changed = Object.keys(set);

    const updated = changed.length ? await updateSegmentRow(tx, segment.id, set) : { updatedAt: segment.updatedAt };
    const count = await countContacts(
      tx,
      actor.workspaceId,
      segmentWhere({ ...segment, definition: set.definition ?? segment.definition }),
    );
    await setSegmentCount(tx, segment.id, count);
    if (changed.length) {
      await writeAudit(tx, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: "segment.update",
        targetType: "segment",
        targetId: segment.id,
        details: {
          changed,
          name: set.name ?? segment.name,
          ...(data.definition && set.definition ? { conditions: countConditions(data.definition) } : {}),
          count,
        },
      });
    }
    return { id: segment.id, updatedAt: updated.updatedAt, changed, count };
  });
}
