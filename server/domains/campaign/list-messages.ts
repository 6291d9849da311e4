import type { z } from "zod";
import type { Db } from "@/db/client";
import { decodeCursor, toPage } from "../../lib/keyset";
import { DomainError } from "../../lib/errors";
import { findCampaign, findMessagesPage, findStatusHistory } from "./queries";
import type { messagesInput } from "./schema";

/**
 * The per-recipient table: newest first, filterable by status, each row with its status history.
 * Test sends are listed too (marked isTest), so the person testing sees their delivery.
 */
export async function listMessages(db: Db, workspaceId: string, input: z.infer<typeof messagesInput>) {
  if (!(await findCampaign(db, workspaceId, input.id)))
    throw new DomainError("NOT_FOUND", "No such campaign in this workspace");
  const cursor = decodeCursor(input.cursor);
  if (input.cursor && !cursor)
    throw new DomainError("BAD_REQUEST", "This list position is not valid; reload the list", "cursor");
  const page = toPage(
    await findMessagesPage(db, input.id, { status: input.status ?? null, tests: true }, cursor, input.limit),
    input.limit,
    (r) => r.createdAt,
  );
  const history = await findStatusHistory(
    db,
    page.items.map((r) => r.id),
  );
  return { ...page, items: page.items.map((r) => ({ ...r, history: history.filter((h) => h.messageId === r.id) })) };
}
