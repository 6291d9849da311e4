import { and, eq, sql } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import { overdue, waiting } from "./queries";

/**
 * A conversation's messages, oldest first, with who wrote each reply and, for a reply, how far
 * the vendor says it got: the desk shows it, the case sync copies it.
 */
export function findThread(db: Db, conversationId: string) {
  const m = schema.conversationMessages;
  const u = schema.users;
  const sent = schema.messages;
  return db
    .select({
      id: m.id,
      direction: m.direction,
      body: m.body,
      attachments: m.attachments,
      sentAt: m.sentAt,
      authorName: u.name,
      authorEmail: u.email,
      status: sent.status,
      statusAt: sent.statusAt,
      errorMessage: sent.errorMessage,
    })
    .from(m)
    .leftJoin(u, eq(u.id, m.authorUserId))
    .leftJoin(sent, eq(sent.id, m.messageId))
    .where(eq(m.conversationId, conversationId))
    .orderBy(m.sentAt, m.id);
}

/** The workspace a conversation belongs to, for the desk webhook's token check. */
export async function findConversationWorkspace(db: Db, id: string) {
  const c = schema.conversations;
  const [row] = await db.select({ workspaceId: c.workspaceId }).from(c).where(eq(c.id, id));
  return row?.workspaceId ?? null;
}

/**
 * The workspace's conversations whose customer waits for an agent's answer, and how many of them
 * are past their campaign's service level: the conversations list's Waiting and Overdue filters.
 */
export async function countWaiting(db: Db, workspaceId: string) {
  const conv = schema.conversations;
  const [row] = await db
    .select({
      waiting: sql<number>`count(*)`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${overdue})`.mapWith(Number),
    })
    .from(conv)
    .leftJoin(schema.campaigns, eq(schema.campaigns.id, conv.campaignId))
    .where(and(eq(conv.workspaceId, workspaceId), waiting));
  return { waiting: row?.waiting ?? 0, overdue: row?.overdue ?? 0 };
}
