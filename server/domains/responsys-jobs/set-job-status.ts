import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { inngest } from "../../jobs/client";
import { activityImportRequested, audienceReconcileRequested } from "../../jobs/events";
import { findJob, setJobStatus } from "./queries";
import { releaseClaims } from "./queue-queries";

/**
 * Pauses or resumes a job. A paused job neither reconciles nor flushes; its claimed but unsent
 * entries go back to the queue (an in-flight send that still lands is an upsert, harmless).
 * Resuming a failed job is how an admin retries it after fixing the cause in Responsys.
 */
export async function setJobPaused(
  db: Db,
  actor: SessionUser,
  id: string,
  paused: boolean,
): Promise<{ id: string; status: "active" | "paused" }> {
  const job = await findJob(db, id, actor.workspaceId);
  if (!job) throw new DomainError("NOT_FOUND", "No such job in this workspace");
  const status = paused ? "paused" : "active";
  if (paused && job.status === "failed")
    throw new DomainError("CONFLICT", "This job has failed: resume it to retry, or delete it");
  if (job.status === status) return { id, status };
  await db.transaction(async (tx) => {
    await setJobStatus(tx, id, status, paused ? undefined : null);
    // A campaign batch in flight may already have sent its emails: its claim stays until it ends.
    if (paused && job.kind === "export_audience") await releaseClaims(tx, id);
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: paused ? "audience_job.pause" : "audience_job.resume",
      targetType: "audience_job",
      targetId: id,
      details: { from: job.status },
    });
  });
  if (!paused)
    await inngest.send(
      job.kind === "import_activity"
        ? activityImportRequested.create({ jobId: id })
        : audienceReconcileRequested.create({ jobId: id }),
    );
  return { id, status };
}
