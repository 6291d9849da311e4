import { eq } from "drizzle-orm";
import { schema, type Db } from "@/db/client";

/** A conversation's messages, oldest first, with who wrote each reply: the desk shows it, the case sync copies it. */
export function findThread(db: Db, conversationId: string) {
  const m = schema.conversationMessages;
  const u = schema.users;
  return db
    .select({
      id: m.id,
      direction: m.direction,
      body: m.body,
      attachments: m.attachments,
      sentAt: m.sentAt,
      authorName: u.name,
      authorEmail: u.email,
    })
    .from(m)
    .leftJoin(u, eq(u.id, m.authorUserId))
    .where(eq(m.conversationId, conversationId))
    .orderBy(m.sentAt, m.id);
}

/** The workspace a conversation belongs to, for the desk webhook's token check. */
export async function findConversationWorkspace(db: Db, id: string) {
  const c = schema.conversations;
  const [row] = await db.select({ workspaceId: c.workspaceId }).from(c).where(eq(c.id, id));
  return row?.workspaceId ?? null;
}
