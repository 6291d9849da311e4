import type { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { findImport } from "./import-queries";
import type { getImportInput } from "./import-schema";

/** An import's progress and one page of its per-line errors, for the progress screen's polling. */
export async function getImport(db: Db, workspaceId: string, input: z.output<typeof getImportInput>) {
  const row = await findImport(db, workspaceId, input.id);
  if (!row) throw new DomainError("NOT_FOUND", "No such import in this workspace");
  const { errors, ...rest } = row;
  return {
    ...rest,
    errors: errors.slice(input.errorOffset, input.errorOffset + input.errorLimit),
    // Only the first IMPORT_MAX_ERRORS are stored; counts.failed and counts.skipped count all rows.
    storedErrors: errors.length,
  };
}
