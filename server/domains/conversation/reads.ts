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
