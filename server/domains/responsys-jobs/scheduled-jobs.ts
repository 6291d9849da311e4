import type { Db } from "@/db/client";
import { findActiveJobIds } from "./queries";
import { findDueJobIds } from "./queue-queries";
import { STALE_CLAIM_MS } from "./reconcile-audience";

/** Active export jobs, each reconciled every minute. */
export async function findJobsToReconcile(db: Db): Promise<string[]> {
  return (await findActiveJobIds(db, ["export_audience", "export_to_campaign"])).map((r) => r.id);
}

/** Active activity imports, each checking its folder for new files. */
export async function findJobsToImport(db: Db): Promise<string[]> {
  return (await findActiveJobIds(db, ["import_activity"])).map((r) => r.id);
}

/** Active export jobs whose oldest waiting entry has waited their batch timeout: a partial batch is due. */
export function findDueJobs(db: Db, now = new Date()): Promise<string[]> {
  return findDueJobIds(db, now, new Date(now.getTime() - STALE_CLAIM_MS));
}
