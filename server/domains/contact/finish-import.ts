import { rm } from "node:fs/promises";
import type { Db } from "@/db/client";
import { writeAudit } from "../../lib/audit";
import { importFilePath } from "./import-file";
import { emptyCounts, findImportForUpdate, updateImport } from "./import-queries";
import { IMPORT_MAX_ERRORS } from "./import-schema";

/**
 * Ends an import as done, or as failed with the reason added to its errors. Either way the
 * counts already say exactly which rows were applied, since each chunk commits them with its
 * rows; the file is deleted once done, and kept after a failure for a look at the line named.
 */
export async function finishImport(db: Db, importId: string, failure?: { line: number; reason: string }) {
  const result = await db.transaction(async (tx) => {
    const job = await findImportForUpdate(tx, importId);
    if (job?.status !== "importing") return null;
    const counts = { ...emptyCounts(), ...job.counts };
    const status = failure ? ("failed" as const) : ("done" as const);
    // The failure goes in even when the stored errors are full: it is the one that matters.
    const errors = failure
      ? [...job.errors.slice(0, IMPORT_MAX_ERRORS - 1), { line: failure.line, field: "import", reason: failure.reason }]
      : job.errors;
    await updateImport(tx, importId, { status, errors, finishedAt: new Date() });
    await writeAudit(tx, {
      workspaceId: job.workspaceId,
      actorUserId: null,
      actorKind: "system",
      action: failure ? "contact.import_fail" : "contact.import_done",
      targetType: "contact_import",
      targetId: importId,
      details: { counts },
    });
    return { status, counts };
  });
  if (result?.status === "done") await rm(importFilePath(importId), { force: true });
  return result;
}
