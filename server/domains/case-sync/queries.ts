import { and, desc, eq, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { afterCursorDesc, type Cursor } from "../../lib/keyset";

const s = schema.caseSyncs;

export async function findSyncIntegration(db: Db, integrationId: string) {
  const i = schema.integrations;
  const [row] = await db
    .select({
      id: i.id,
      config: i.config,
      secrets: i.secrets,
      sandbox: i.sandbox,
      status: i.status,
      uninstalledAt: i.uninstalledAt,
    })
    .from(i)
    .where(eq(i.id, integrationId));
  return row ?? null;
}

/** What a case is made of: the conversation, its customer and its agent. */
export async function findConversationForCase(db: Db, conversationId: string) {
  const c = schema.conversations;
  const ct = schema.contacts;
  const [row] = await db
    .select({
      id: c.id,
      workspaceId: c.workspaceId,
      state: c.state,
      channel: c.channel,
      agentEmail: c.agentEmail,
      closeProfile: c.closeProfile,
      closedBy: c.closedBy,
      closedAt: c.closedAt,
      mobileNumber: ct.mobileNumber,
      mobileCountry: ct.mobileCountry,
      firstName: ct.firstName,
      lastName: ct.lastName,
    })
    .from(c)
    .innerJoin(ct, eq(ct.id, c.contactId))
    .where(eq(c.id, conversationId));
  return row ?? null;
}

export async function updateSync(db: Db | Tx, id: string, values: Partial<typeof schema.caseSyncs.$inferInsert>) {
  await db
    .update(s)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(s.id, id));
}

/** Records one created comment or file; merged in SQL so each write keeps the others. */
export async function recordSyncedItem(db: Db, id: string, key: string, salesforceId: string) {
  await db
    .update(s)
    .set({
      syncedComments: sql`${s.syncedComments} || jsonb_build_object(${key}::text, ${salesforceId}::text)`,
      updatedAt: new Date(),
    })
    .where(eq(s.id, id));
}

export async function appendAttempt(
  db: Db,
  id: string,
  attempt: { at: string; ok: boolean; error?: string },
  values: Partial<typeof schema.caseSyncs.$inferInsert>,
) {
  await db
    .update(s)
    .set({ ...values, attempts: sql`${s.attempts} || ${JSON.stringify([attempt])}::jsonb`, updatedAt: new Date() })
    .where(eq(s.id, id));
}

/** A page of a workspace's case syncs, most recently changed first. */
export function findCaseSyncsPage(
  db: Db,
  workspaceId: string,
  filter: { status?: "pending" | "running" | "synced" | "failed"; after: Cursor | null; limit: number },
) {
  const c = schema.conversations;
  const ct = schema.contacts;
  return db
    .select({
      id: s.id,
      conversationId: s.conversationId,
      status: s.status,
      caseNumber: s.caseNumber,
      caseUrl: s.caseUrl,
      lastError: s.lastError,
      attempts: s.attempts,
      updatedAt: s.updatedAt,
      customerNumber: ct.mobileNumber,
      firstName: ct.firstName,
      lastName: ct.lastName,
      agentEmail: c.agentEmail,
      closedAt: c.closedAt,
    })
    .from(s)
    .innerJoin(c, eq(c.id, s.conversationId))
    .innerJoin(ct, eq(ct.id, c.contactId))
    .where(
      and(
        eq(c.workspaceId, workspaceId),
        filter.status ? eq(s.status, filter.status) : undefined,
        afterCursorDesc(filter.after, s.updatedAt, s.id),
      ),
    )
    .orderBy(desc(s.updatedAt), desc(s.id))
    .limit(filter.limit + 1);
}

/** Whether the conversation is in the workspace, and closed (only closed ones have cases). */
export async function findConversationState(db: Db | Tx, workspaceId: string, conversationId: string) {
  const c = schema.conversations;
  const [row] = await db
    .select({ id: c.id, state: c.state })
    .from(c)
    .where(and(eq(c.id, conversationId), eq(c.workspaceId, workspaceId)));
  return row ?? null;
}
