import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { csvField } from "../../lib/csv";
import { decodeCursor, encodeCursor } from "../../lib/keyset";
import { actorOf, auditActionLabel, auditTargetLabel } from "./actions";
import { findAuditPage, type AuditRow } from "./queries";
import type { AuditFilter } from "./schema";

export const AUDIT_CSV_HEADER = [
  "at",
  "actor",
  "actor_email",
  "action",
  "action_code",
  "object_type",
  "object_id",
  "details",
] as const;
const PAGE_SIZE = 1_000;

// Names and details come from people and vendors: a spreadsheet must not run them as formulas.
function row(r: AuditRow): string {
  const text = (v: string | null) => csvField(v ?? "", { guardFormula: true });
  return `${[r.at.toISOString(), text(actorOf(r)), text(r.actorEmail), text(auditActionLabel(r.action)), text(r.action), text(auditTargetLabel(r.targetType)), text(r.targetId), text(r.details)].join(",")}\r\n`;
}

async function* auditCsvChunks(db: Db, workspaceId: string, filter: AuditFilter): AsyncGenerator<string> {
  let cursor: string | null = null;
  let header = `${AUDIT_CSV_HEADER.join(",")}\r\n`;
  for (;;) {
    const rows = await findAuditPage(db, workspaceId, filter, decodeCursor(cursor), PAGE_SIZE);
    const page = rows.slice(0, PAGE_SIZE);
    yield header + page.map(row).join("");
    header = "";
    const last = page[page.length - 1];
    if (rows.length <= PAGE_SIZE || !last) return;
    cursor = encodeCursor(last.at, last.id);
  }
}

/**
 * The audit rows under the filter as CSV, newest first, page by page. The export itself is
 * recorded first (who took the log out of the portal, with which filter), so it is in the
 * file when it matches the filter.
 */
export async function exportAudit(db: Db, actor: SessionUser, filter: AuditFilter): Promise<AsyncGenerator<string>> {
  await db.transaction((tx) =>
    writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "audit.export",
      targetType: "workspace",
      targetId: actor.workspaceId,
      details: { filter },
    }),
  );
  return auditCsvChunks(db, actor.workspaceId, filter);
}
