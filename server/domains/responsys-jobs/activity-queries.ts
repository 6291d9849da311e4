// Activity import: the files already imported, contacts matched by RIID, email or mobile, and the
// events and aggregates written to them (import-activity, get-contact-activity).
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";

const c = schema.contacts;
const ai = schema.activityImports;
const ae = schema.activityEvents;

type Runner = Db | Tx;

export async function findImportedSources(db: Db, jobId: string, sources: string[]) {
  if (sources.length === 0) return new Set<string>();
  const rows = await db
    .select({ source: ai.source })
    .from(ai)
    .where(and(eq(ai.jobId, jobId), inArray(ai.source, sources)));
  return new Set(rows.map((r) => r.source));
}

export async function recordImport(tx: Tx, values: typeof ai.$inferInsert) {
  const [row] = await tx.insert(ai).values(values).onConflictDoNothing().returning({ id: ai.id });
  return row?.id ?? null;
}

/** Contacts of the workspace by lower-cased email, for matching activity rows. */
export async function findContactIdsByEmail(runner: Runner, workspaceId: string, emails: string[]) {
  if (emails.length === 0) return new Map<string, string>();
  const rows = await runner
    .select({ id: c.id, email: c.email })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), inArray(sql`lower(${c.email})`, emails)));
  return new Map(rows.map((r) => [(r.email ?? "").toLowerCase(), r.id]));
}

export async function findContactIdsByRiid(runner: Runner, workspaceId: string, riids: string[]) {
  if (riids.length === 0) return new Map<string, string>();
  const rows = await runner
    .select({ id: c.id, riid: c.responsysRiid })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), inArray(c.responsysRiid, riids)));
  return new Map(rows.map((r) => [r.riid ?? "", r.id]));
}

export async function findContactIdsByMobile(runner: Runner, workspaceId: string, numbers: string[]) {
  if (numbers.length === 0) return new Map<string, string>();
  const rows = await runner
    .select({ id: c.id, mobileNumber: c.mobileNumber })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), inArray(c.mobileNumber, numbers)));
  return new Map(rows.map((r) => [r.mobileNumber ?? "", r.id]));
}

/** Inserts the events not yet ingested (once per job and external id) and returns those inserted. */
export function insertActivityEvents(tx: Tx, rows: (typeof ae.$inferInsert)[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return tx
    .insert(ae)
    .values(rows)
    .onConflictDoNothing({ target: [ae.jobId, ae.externalEventId] })
    .returning({
      externalEventId: ae.externalEventId,
      contactId: ae.contactId,
      eventType: ae.eventType,
      channel: ae.channel,
      payload: ae.payload,
      occurredAt: ae.occurredAt,
    });
}

export async function findContactActivity(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.select({ id: c.id, activity: c.activity }).from(c).where(inArray(c.id, ids)).for("update");
}

export async function setContactActivity(tx: Tx, id: string, activity: Record<string, unknown>) {
  await tx.update(c).set({ activity }).where(eq(c.id, id));
}

/** A contact's activity aggregates and its latest events, within the workspace. */
export async function findContactActivityView(db: Db, workspaceId: string, contactId: string, limit: number) {
  const [contact] = await db
    .select({ id: c.id, activity: c.activity })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), eq(c.id, contactId)));
  if (!contact) return null;
  const events = await db
    .select({
      id: ae.id,
      eventType: ae.eventType,
      channel: ae.channel,
      occurredAt: ae.occurredAt,
      campaignId: sql<string | null>`${ae.payload} ->> 'CAMPAIGN_ID'`,
    })
    .from(ae)
    .where(eq(ae.contactId, contactId))
    .orderBy(desc(ae.occurredAt))
    .limit(limit);
  return { activity: contact.activity, events };
}
