import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { afterCursorDesc, type Cursor } from "../../lib/keyset";

const s = schema.caseSyncs;

const syncColumns = {
  id: s.id,
  conversationId: s.conversationId,
  integrationId: s.integrationId,
  status: s.status,
  salesforceContactId: s.salesforceContactId,
  salesforceCaseId: s.salesforceCaseId,
  caseNumber: s.caseNumber,
  caseUrl: s.caseUrl,
  syncedComments: s.syncedComments,
  attempts: s.attempts,
  lastError: s.lastError,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
};
export type CaseSyncRow = Awaited<ReturnType<typeof findCaseSync>> & {};

export async function findCaseSync(db: Db | Tx, conversationId: string) {
  const [row] = await db.select(syncColumns).from(s).where(eq(s.conversationId, conversationId));
  return row ?? null;
}

/**
 * The workspace's Salesforce integration that opens cases: installed, not disabled, and with
 * its own "enabled" setting on. The oldest wins if there are several.
 */
export async function findCaseIntegrationId(db: Db | Tx, workspaceId: string) {
  const i = schema.integrations;
  const [row] = await db
    .select({ id: i.id })
    .from(i)
    .where(
      and(
        eq(i.workspaceId, workspaceId),
        eq(i.vendor, "salesforce"),
        inArray(i.status, ["active", "error"]),
        isNull(i.uninstalledAt),
        sql`coalesce(${i.config}->>'enabled', 'true') <> 'false'`,
      ),
    )
    .orderBy(asc(i.createdAt))
    .limit(1);
  return row?.id ?? null;
}

/** The pending sync of a closed conversation; an existing one is left as it is. */
export async function insertPendingSync(db: Db | Tx, conversationId: string, integrationId: string) {
  await db.insert(s).values({ conversationId, integrationId }).onConflictDoNothing({ target: s.conversationId });
}

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
