import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { inngest } from "../../jobs/client";
import { contactImportRequested } from "../../jobs/events";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { importFilePath, readImportHeader } from "./import-file";
import { emptyCounts, findImport, findImportForUpdate, updateImport } from "./import-queries";
import type { startImportInput } from "./import-schema";

/**
 * Step two of an import: the confirmed mapping and mode are stored and the background function
 * is asked to run it, so the request returns at once whatever the file's size.
 */
export async function startImport(db: Db, actor: SessionUser, input: z.output<typeof startImportInput>) {
  const found = await findImport(db, actor.workspaceId, input.id);
  if (!found) throw new DomainError("NOT_FOUND", "No such import in this workspace");
  if (found.status !== "ready")
    throw new DomainError(
      "CONFLICT",
      `This import is already ${found.status}: upload the file again to import it again`,
    );
  let columns: string[];
  try {
    ({ columns } = await readImportHeader(importFilePath(found.id)));
  } catch {
    throw new DomainError("BAD_REQUEST", "The uploaded file is no longer available: upload it again", "file");
  }
  const known = new Set(columns);
  const unknown = Object.keys(input.mapping).find((column) => !known.has(column));
  if (unknown !== undefined) throw new DomainError("BAD_REQUEST", `The file has no column "${unknown}"`, unknown);

  await db.transaction(async (tx) => {
    // Locked, so two clicks on Start cannot both start it.
    const row = await findImportForUpdate(tx, found.id);
    if (row?.status !== "ready") throw new DomainError("CONFLICT", "This import has already started");
    await updateImport(tx, found.id, {
      status: "importing",
      mapping: input.mapping,
      mode: input.mode,
      defaultMobileCountry: input.defaultMobileCountry,
      counts: emptyCounts(),
      errors: [],
    });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "contact.import_start",
      targetType: "contact_import",
      targetId: found.id,
      details: {
        mode: input.mode,
        fields: [...new Set(Object.values(input.mapping))],
        defaultMobileCountry: input.defaultMobileCountry,
      },
    });
  });
  try {
    await inngest.send(contactImportRequested.create({ importId: found.id }));
  } catch (error) {
    // Nothing has been imported yet: put it back so Start can be tried again.
    await updateImport(db, found.id, { status: "ready", counts: null });
    throw new DomainError(
      "BAD_REQUEST",
      `Background jobs are unreachable, so the import did not start: ${(error as Error).message}`,
    );
  }
  return { id: found.id, status: "importing" as const };
}
