import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { csvField } from "../../lib/csv";
import { listSegmentMembers } from "./members";

// Attentive has no API to push a segment (§5 of docs/vendors/attentive.md): the list is uploaded
// as a CSV in Attentive's UI instead. The upload screen maps columns by header; these headers are
// ours [assumed: Attentive documents the file only for its SFTP segment feed, which differs].
// Phones go in E.164, the documented form (§1 of docs/vendors/attentive.md).
export const ATTENTIVE_CSV_HEADER = ["phone", "email", "firstName", "lastName"] as const;
const PAGE_SIZE = 1_000;
const E164 = /^\+[1-9]\d{6,14}$/;

type Member = Awaited<ReturnType<typeof listSegmentMembers>>[number];

/** A member's row, or null when Attentive could not match it to anyone (no phone and no email). */
function row(member: Member): string | null {
  const phone = member.mobileNumber?.trim() ?? "";
  const usablePhone = E164.test(phone) ? phone : "";
  const email = member.email?.trim() ?? "";
  if (!usablePhone && !email) return null;
  const fields = [
    csvField(usablePhone),
    csvField(email),
    csvField(member.firstName ?? "", { guardFormula: true }),
    csvField(member.lastName ?? "", { guardFormula: true }),
  ];
  return `${fields.join(",")}\r\n`;
}

/**
 * The CSV in chunks, one per page of members, so a large segment streams instead of sitting in
 * memory. The first chunk (the header with the first page) is produced only after the segment
 * is found, so a caller awaiting it can still answer 404. Members with neither a phone nor an
 * email are left out.
 */
export async function* attentiveCsvChunks(
  db: Db,
  workspaceId: string,
  segmentId: string,
  pageSize = PAGE_SIZE,
): AsyncGenerator<string> {
  let after: string | null = null;
  let header = `${ATTENTIVE_CSV_HEADER.join(",")}\r\n`;
  for (;;) {
    const page = await listSegmentMembers(db, workspaceId, segmentId, { after, limit: pageSize });
    const lines = page.map(row).filter((line) => line !== null);
    yield header + lines.join("");
    header = "";
    if (page.length < pageSize) return;
    after = page[page.length - 1]?.id ?? null;
  }
}

/**
 * Starts the export for a person: records who exported which segment (an export of personal
 * data), then returns the chunks. Throws DomainError NOT_FOUND before anything is recorded when
 * the segment is not in the workspace.
 */
export async function exportAttentiveCsv(
  db: Db,
  actor: SessionUser,
  segmentId: string,
): Promise<AsyncGenerator<string>> {
  const chunks = attentiveCsvChunks(db, actor.workspaceId, segmentId);
  const first = await chunks.next();
  await db.transaction((tx) =>
    writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "segment.export_attentive_csv",
      targetType: "segment",
      targetId: segmentId,
    }),
  );
  async function* all(): AsyncGenerator<string> {
    if (!first.done) yield first.value;
    yield* chunks;
  }
  return all();
}
