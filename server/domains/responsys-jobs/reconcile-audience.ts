import type { Db } from "@/db/client";
import { findSegmentOrThrow, segmentWhere } from "../segment/members";
import { findJob } from "./queries";
import { findPending, reconcileSnapshot } from "./queue-queries";
import { BATCH_SIZE } from "./schema";

export type ReconcileResult =
  | { skipped: true; reason: string }
  | {
      skipped: false;
      entered: number;
      exited: number;
      queued: number;
      cancelled: number;
      pending: number;
      full: boolean;
    };

/** Claims older than this are taken over: the run that made them has stopped retrying. */
export const STALE_CLAIM_MS = 30 * 60_000;

/**
 * Diffs the segment's current members against the job's snapshot and queues who entered and
 * who left (segments are evaluated on demand, so the snapshot is how enters and exits are
 * seen). The first reconcile of a job without backfill records the members without queueing
 * them: only later changes are sent. Campaign exports trigger on entry only, so exits update
 * the snapshot and queue nothing. `full` says a batch of 200 is waiting to be flushed now.
 */
export async function reconcileAudience(db: Db, jobId: string, now = new Date()): Promise<ReconcileResult> {
  const job = await findJob(db, jobId);
  if (!job) return { skipped: true, reason: "deleted" };
  if (job.status !== "active") return { skipped: true, reason: job.status };
  if (job.kind === "import_activity" || !job.segmentId) return { skipped: true, reason: "not an export" };
  const segment = await findSegmentOrThrow(db, job.workspaceId, job.segmentId);
  const members = segmentWhere(segment);
  const first = job.reconciledAt === null;
  const counts = await db.transaction((tx) =>
    reconcileSnapshot(tx, job, members, {
      queueEnters: !first || job.backfill,
      queueExits: job.kind === "export_audience" && !first,
      now,
    }),
  );
  const { pending } = await findPending(db, job.id, new Date(now.getTime() - STALE_CLAIM_MS));
  return { skipped: false, ...counts, pending, full: pending >= BATCH_SIZE };
}
