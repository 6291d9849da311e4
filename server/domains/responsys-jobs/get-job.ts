import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { findJob, findJobNames, findRecentBatches, findRecentImports, findSegmentNames } from "./queries";
import type { ExportAudienceConfig } from "./schema";

const RECENT = 20;

/** A job with its queue depth, recent batches (or imported files) and errors in Responsys's words. */
export async function getJob(db: Db, workspaceId: string, id: string) {
  const job = await findJob(db, id, workspaceId);
  if (!job) throw new DomainError("NOT_FOUND", "No such job in this workspace");
  const names = await findJobNames(db, id);
  const memberships =
    job.kind === "export_audience" ? ((job.config as ExportAudienceConfig).segmentMemberships ?? []) : [];
  const membershipSegments = (await findSegmentNames(db, workspaceId, memberships)).map((s) => ({
    id: s.id,
    name: s.name,
  }));
  const batches = job.kind === "import_activity" ? [] : await findRecentBatches(db, id, RECENT);
  const imports = job.kind === "import_activity" ? await findRecentImports(db, id, RECENT) : [];
  return {
    job,
    segmentName: names?.segmentName ?? null,
    integrationLabel: names?.integrationLabel ?? "",
    queueDepth: Number(names?.queueDepth ?? 0),
    membershipSegments,
    batches,
    imports,
  };
}
