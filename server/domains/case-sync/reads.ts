import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";

// What other domains read of case syncs: a conversation's sync, shown on its page, and which
// Salesforce integration a closed conversation's case goes to.

const s = schema.caseSyncs;

export const syncColumns = {
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
