import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { deleteJobWork, findJob, setJobStatus } from "./queries";

/**
 * Deletes a job: it stops, its queue and snapshot are dropped, and the row stays (status
 * deleted) for the audit trail and the activity it imported. Nothing is removed in Responsys.
 */
export async function deleteJob(db: Db, actor: SessionUser, id: string): Promise<{ id: string }> {
  const job = await findJob(db, id, actor.workspaceId);
  if (!job) throw new DomainError("NOT_FOUND", "No such job in this workspace");
  await db.transaction(async (tx) => {
    await setJobStatus(tx, id, "deleted");
    await deleteJobWork(tx, id);
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "audience_job.delete",
      targetType: "audience_job",
      targetId: id,
      details: { kind: job.kind, label: job.label, totalSent: job.totalSent },
    });
  });
  return { id };
}
