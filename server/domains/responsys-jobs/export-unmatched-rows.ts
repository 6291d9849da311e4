import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { csvField } from "../../lib/csv";
import { DomainError } from "../../lib/errors";
import { findUnmatchedRows } from "./queries";

const line = (values: string[]) => `${values.map((v) => csvField(v, { guardFormula: true })).join(",")}\r\n`;

/** The CSV in one chunk (at most 10,000 rows are kept), produced once the import is found. */
async function* unmatchedCsv(db: Db, workspaceId: string, importId: string): AsyncGenerator<string> {
  const found = await findUnmatchedRows(db, workspaceId, importId);
  if (!found) throw new DomainError("NOT_FOUND", "No such import in this workspace");
  const columns = [...new Set(found.rows.flatMap((r) => r.map(([column]) => column)))];
  const rows = found.rows.map((r) => new Map(r));
  yield line(columns) + rows.map((r) => line(columns.map((c) => r.get(c) ?? ""))).join("");
}

/**
 * The rows of one imported activity file that found no contact, as CSV: their columns as read,
 * for finding the users in Responsys. A download of personal data, so it is audited, once the
 * import is known to be the workspace's.
 */
export async function exportUnmatchedRows(
  db: Db,
  actor: SessionUser,
  importId: string,
): Promise<AsyncGenerator<string>> {
  const chunks = unmatchedCsv(db, actor.workspaceId, importId);
  const first = await chunks.next();
  await db.transaction((tx) =>
    writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "activity_import.export_unmatched",
      targetType: "activity_import",
      targetId: importId,
    }),
  );
  async function* all(): AsyncGenerator<string> {
    if (!first.done) yield first.value;
    yield* chunks;
  }
  return all();
}
