import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { deleteSegmentRow, findSegmentForUpdate, findSegmentUsers } from "./queries";

/** Deletes a segment (and a static one's member list) unless a campaign or Responsys job sends to it. */
export async function deleteSegment(db: Db, actor: SessionUser, id: string) {
  return db.transaction(async (tx) => {
    const segment = await findSegmentForUpdate(tx, actor.workspaceId, id);
    if (!segment) throw new DomainError("NOT_FOUND", "No such segment in this workspace");
    const users = await findSegmentUsers(tx, segment.id);
    const names = [...users.campaigns.map((n) => `campaign “${n}”`), ...users.jobs.map((n) => `Responsys job “${n}”`)];
    if (names.length)
      throw new DomainError(
        "CONFLICT",
        `This segment is used by ${names.join(", ")}: choose another segment there first`,
      );
    await deleteSegmentRow(tx, segment.id);
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "segment.delete",
      targetType: "segment",
      targetId: segment.id,
      details: { name: segment.name, kind: segment.kind },
    });
    return { id: segment.id };
  });
}
