import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { decodeCursor, toPage } from "../../lib/keyset";
import { DomainError } from "../../lib/errors";
import { findConversationsPage } from "./queries";
import type { listConversationsInput } from "./schema";
import { windowState } from "./window";

/**
 * One page of conversations: open ones, the signed-in agent's own, closed ones, or all. Each
 * waiting conversation carries when its first response is due under its campaign's service
 * level (target first-response time); those come first, earliest due (overdue) first, then the
 * rest latest message first.
 */
export async function listConversations(db: Db, actor: SessionUser, input: z.infer<typeof listConversationsInput>) {
  const after = decodeCursor(input.cursor);
  if (input.cursor && !after)
    throw new DomainError("BAD_REQUEST", "This list position is not valid any more; reload the list", "cursor");
  const rows = await findConversationsPage(db, actor.workspaceId, {
    filter: input.filter,
    userId: actor.userId,
    after,
    limit: input.limit,
  });
  const page = toPage(rows, input.limit, (r) => r.orderAt);
  const now = new Date();
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ orderAt: _, ...row }) => ({ ...row, ...windowState(row, now) })),
  };
}
