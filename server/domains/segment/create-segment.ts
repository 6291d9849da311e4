import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { compileDefinition } from "./compile";
import { countContacts, insertSegment, setSegmentCount } from "./queries";
import { countConditions, type CreateSegmentInput } from "./schema";

/** Saves a dynamic segment with its count at the moment of saving. */
export async function createSegment(db: Db, actor: SessionUser, input: CreateSegmentInput) {
  return db.transaction(async (tx) => {
    const { id } = await insertSegment(tx, {
      workspaceId: actor.workspaceId,
      name: input.name,
      description: input.description ?? null,
      kind: "dynamic",
      definition: input.definition,
      createdBy: actor.userId,
    });
    const count = await countContacts(tx, actor.workspaceId, compileDefinition(input.definition));
    await setSegmentCount(tx, id, count);
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "segment.create",
      targetType: "segment",
      targetId: id,
      details: { name: input.name, kind: "dynamic", conditions: countConditions(input.definition), count },
    });
    return { id, count };
  });
}
