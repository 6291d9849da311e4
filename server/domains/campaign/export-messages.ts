import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { encodeCursor, decodeCursor } from "../../lib/keyset";
import { csvField } from "../../lib/csv";
import { findCampaign, findMessagesPage } from "./queries";

export const MESSAGES_CSV_HEADER = [
  "contact_id",
  "first_name",
  "last_name",
  "number",
  "status",
  "status_at",
  "error_code",
  "error_message",
  "vendor_message_id",
  "occurrence",
] as const;
const PAGE_SIZE = 1_000;

type MessageRow = Awaited<ReturnType<typeof findMessagesPage>>[number];

// Names and vendor error texts come from outside (imports, vendors): a spreadsheet must not run
// them as formulas. Numbers start with + and are ours (E.164), so they are left as they are.
function row(r: MessageRow): string {
  const text = (v: string | null) => csvField(v ?? "", { guardFormula: true });
  return `${[csvField(r.contactId ?? ""), text(r.firstName), text(r.lastName), csvField(r.toNumber), r.status, r.statusAt.toISOString(), text(r.errorCode), text(r.errorMessage), text(r.vendorMessageId), text(r.occurrence)].join(",")}\r\n`;
}

/** The campaign's messages without its test sends, newest first as the recipients table shows them, one chunk per page. */
async function* messageCsvChunks(db: Db, campaignId: string, pageSize = PAGE_SIZE): AsyncGenerator<string> {
  let cursor: string | null = null;
  let header = `${MESSAGES_CSV_HEADER.join(",")}\r\n`;
  for (;;) {
    const rows = await findMessagesPage(db, campaignId, { status: null, tests: false }, decodeCursor(cursor), pageSize);
    const page = rows.slice(0, pageSize);
    yield header + page.map(row).join("");
    header = "";
    const last = page[page.length - 1];
    if (rows.length <= pageSize || !last) return;
    cursor = encodeCursor(last.createdAt, last.id);
  }
}

/**
 * Starts the export of a campaign's recipients for a person: checks the campaign is theirs,
 * records who exported it (personal data leaves the portal), then returns the chunks.
 */
export async function exportCampaignMessages(
  db: Db,
  actor: SessionUser,
  campaignId: string,
): Promise<AsyncGenerator<string>> {
  if (!(await findCampaign(db, actor.workspaceId, campaignId)))
    throw new DomainError("NOT_FOUND", "No such campaign in this workspace");
  await db.transaction((tx) =>
    writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "campaign.export_messages",
      targetType: "campaign",
      targetId: campaignId,
    }),
  );
  return messageCsvChunks(db, campaignId);
}
