import type { Db } from "@/db/client";
import type { ChunkStart } from "./import-chunk";
import { importFilePath, readImportHeader, scanImportFile } from "./import-file";
import { emptyCounts, findImportById, updateImport } from "./import-queries";

/**
 * The start of one run of the import function: counts the file's rows once, for the progress
 * bar, and finds where the first row not yet processed starts. A run that continues an import
 * (see import-contacts) resumes there; null when the import is not running.
 */
export async function prepareImportRun(
  db: Db,
  importId: string,
): Promise<{ workspaceId: string; total: number; start: ChunkStart | null } | null> {
  const job = await findImportById(db, importId);
  if (job?.status !== "importing") return null;
  const counts = { ...emptyCounts(), ...job.counts };
  const file = importFilePath(importId);
  const { dataStart } = await readImportHeader(file);
  const { total, resumeAt } = await scanImportFile(file, dataStart, counts.processed);
  // Only this import's own run writes its counts (one run at a time per import).
  await updateImport(db, importId, { counts: { ...counts, total } });
  return {
    workspaceId: job.workspaceId,
    total,
    start: resumeAt ? { position: resumeAt, index: counts.processed } : null,
  };
}
