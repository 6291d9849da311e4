import { and, asc, count, desc, eq, gt, inArray, or, sql, type SQL } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { afterCursorDesc, type Cursor } from "../../lib/keyset";

const s = schema.segments;
const c = schema.contacts;
const sm = schema.segmentMembers;

export type SegmentListRow = {
  id: string;
  name: string;
  description: string | null;
  kind: "dynamic" | "static";
  lastCount: number | null;
  lastCountedAt: Date | null;
  updatedAt: Date;
};

/** Most recently changed first; limit+1 rows so the caller knows whether there is more. */
export function findSegmentsPage(
  db: Db,
  workspaceId: string,
  cursor: Cursor | null,
  limit: number,
): Promise<SegmentListRow[]> {
  return db
    .select({
      id: s.id,
      name: s.name,
      description: s.description,
      kind: s.kind,
      lastCount: s.lastCount,
      lastCountedAt: s.lastCountedAt,
      updatedAt: s.updatedAt,
    })
    .from(s)
    .where(and(eq(s.workspaceId, workspaceId), afterCursorDesc(cursor, s.updatedAt, s.id)))
    .orderBy(desc(s.updatedAt), desc(s.id))
    .limit(limit + 1);
}

const segmentColumns = {
  id: s.id,
  name: s.name,
  description: s.description,
  kind: s.kind,
  definition: s.definition,
  lastCount: s.lastCount,
  lastCountedAt: s.lastCountedAt,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
};

export async function findSegment(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(segmentColumns)
    .from(s)
    .where(and(eq(s.workspaceId, workspaceId), eq(s.id, id)));
  return row;
}

export async function findSegmentForUpdate(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx
    .select(segmentColumns)
    .from(s)
    .where(and(eq(s.workspaceId, workspaceId), eq(s.id, id)))
    .for("update");
  return row;
}

export async function insertSegment(tx: Tx, values: typeof s.$inferInsert) {
  const [row] = await tx.insert(s).values(values).returning({ id: s.id });
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateSegmentRow(tx: Tx, id: string, set: Partial<typeof s.$inferInsert>) {
  const [row] = await tx
    .update(s)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(s.id, id))
    .returning({ id: s.id, updatedAt: s.updatedAt });
  if (!row) throw new Error("update returned no row");
  return row;
}

/** A recount is not an edit: updatedAt stays. */
export async function setSegmentCount(db: Db | Tx, id: string, lastCount: number) {
  const [row] = await db
    .update(s)
    .set({ lastCount, lastCountedAt: sql`now()` })
    .where(eq(s.id, id))
    .returning({ lastCountedAt: s.lastCountedAt });
  return row?.lastCountedAt ?? null;
}

export async function deleteSegmentRow(tx: Tx, id: string) {
  await tx.delete(s).where(eq(s.id, id));
}

/** Campaigns and Responsys jobs that send to this segment, which must not lose it. */
export async function findSegmentUsers(tx: Tx, id: string) {
  const [campaigns, jobs] = await Promise.all([
    tx
      .select({ name: schema.campaigns.name })
      .from(schema.campaigns)
      .where(eq(schema.campaigns.segmentId, id))
      .limit(3),
    tx
      .select({ name: schema.audienceJobs.label })
      .from(schema.audienceJobs)
      .where(eq(schema.audienceJobs.segmentId, id))
      .limit(3),
  ]);
  return { campaigns: campaigns.map((r) => r.name), jobs: jobs.map((r) => r.name) };
}

/** Static membership as a condition over contacts, for counts, previews and pages alike. */
export const staticMembership = (segmentId: string): SQL =>
  sql`exists (select 1 from ${sm} where ${sm.segmentId} = ${segmentId} and ${sm.contactId} = ${c.id})`;

/** Contacts of the workspace matching `where`; the workspace condition is always added here. */
export async function countContacts(db: Db | Tx, workspaceId: string, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), where));
  return row?.n ?? 0;
}

export type SegmentMemberRow = {
  id: string;
  email: string | null;
  mobileNumber: string | null;
  firstName: string | null;
  lastName: string | null;
};

/** Up to `limit` contacts matching `where`, in id order after `after`: keyset on the primary key. */
export function findContactsPage(
  db: Db,
  workspaceId: string,
  where: SQL | undefined,
  after: string | null,
  limit: number,
): Promise<(SegmentMemberRow & { country: string | null })[]> {
  return db
    .select({
      id: c.id,
      email: c.email,
      mobileNumber: c.mobileNumber,
      firstName: c.firstName,
      lastName: c.lastName,
      country: c.country,
    })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), where, after ? gt(c.id, after) : undefined))
    .orderBy(asc(c.id))
    .limit(limit);
}

/** The workspace's contacts with one of these emails or mobile numbers. */
export function findContactsByIdentity(tx: Tx, workspaceId: string, emails: string[], numbers: string[]) {
  const either = [
    emails.length ? inArray(c.email, emails) : undefined,
    numbers.length ? inArray(c.mobileNumber, numbers) : undefined,
  ].filter(Boolean) as SQL[];
  if (either.length === 0) return Promise.resolve([]);
  return tx
    .select({ id: c.id, email: c.email, mobileNumber: c.mobileNumber })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), or(...either)));
}

export async function insertSegmentMembers(tx: Tx, segmentId: string, contactIds: string[]) {
  if (contactIds.length === 0) return;
  await tx
    .insert(sm)
    .values(contactIds.map((contactId) => ({ segmentId, contactId })))
    .onConflictDoNothing();
}
