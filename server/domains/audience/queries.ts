import { and, asc, count, desc, eq, inArray, isNull, lte, min, ne, or, sql, type SQL } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { rowsOf } from "../../lib/raw-rows";

const j = schema.audienceJobs;
const q = schema.audienceQueue;
const am = schema.audienceMembers;
const b = schema.audienceBatches;
const c = schema.contacts;
const ai = schema.activityImports;
const ae = schema.activityEvents;

type Runner = Db | Tx;
type JobKind = (typeof schema.audienceJobKindEnum.enumValues)[number];
type JobStatus = (typeof schema.audienceJobStatusEnum.enumValues)[number];

const jobColumns = {
  id: j.id,
  workspaceId: j.workspaceId,
  integrationId: j.integrationId,
  kind: j.kind,
  label: j.label,
  description: j.description,
  segmentId: j.segmentId,
  config: j.config,
  backfill: j.backfill,
  status: j.status,
  lastBatchAt: j.lastBatchAt,
  lastBatchSize: j.lastBatchSize,
  totalSent: j.totalSent,
  totalFailed: j.totalFailed,
  lastError: j.lastError,
  batchTimeoutSeconds: j.batchTimeoutSeconds,
  reconciledAt: j.reconciledAt,
  createdAt: j.createdAt,
};
export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;

export async function insertJob(tx: Tx, values: typeof j.$inferInsert): Promise<string> {
  const [row] = await tx.insert(j).values(values).returning({ id: j.id });
  if (!row) throw new Error("audience job not inserted");
  return row.id;
}

export async function updateJobConfig(runner: Runner, id: string, config: Record<string, unknown>) {
  await runner.update(j).set({ config }).where(eq(j.id, id));
}

/** A job that is not deleted; with a workspace, only within it. */
export async function findJob(runner: Runner, id: string, workspaceId?: string) {
  const [row] = await runner
    .select(jobColumns)
    .from(j)
    .where(and(eq(j.id, id), ne(j.status, "deleted"), workspaceId ? eq(j.workspaceId, workspaceId) : undefined));
  return row;
}

const pendingCount = sql<number>`(select count(*)::int from ${q} where ${q.jobId} = ${j.id} and ${q.sentAt} is null)`;

/** The workspace's jobs, newest first, each with its queue depth and integration label. */
export function findJobs(db: Db, workspaceId: string, kind: JobKind | null) {
  return db
    .select({
      id: j.id,
      kind: j.kind,
      label: j.label,
      status: j.status,
      segmentId: j.segmentId,
      segmentName: schema.segments.name,
      integrationLabel: schema.integrations.label,
      lastBatchAt: j.lastBatchAt,
      lastBatchSize: j.lastBatchSize,
      totalSent: j.totalSent,
      totalFailed: j.totalFailed,
      lastError: j.lastError,
      queueDepth: pendingCount,
      createdAt: j.createdAt,
    })
    .from(j)
    .innerJoin(schema.integrations, eq(schema.integrations.id, j.integrationId))
    .leftJoin(schema.segments, eq(schema.segments.id, j.segmentId))
    .where(and(eq(j.workspaceId, workspaceId), ne(j.status, "deleted"), kind ? eq(j.kind, kind) : undefined))
    .orderBy(desc(j.createdAt));
}

/** The job's names for its detail screen. */
export async function findJobNames(db: Db, jobId: string) {
  const [row] = await db
    .select({
      segmentName: schema.segments.name,
      integrationLabel: schema.integrations.label,
      queueDepth: pendingCount,
    })
    .from(j)
    .innerJoin(schema.integrations, eq(schema.integrations.id, j.integrationId))
    .leftJoin(schema.segments, eq(schema.segments.id, j.segmentId))
    .where(eq(j.id, jobId));
  return row;
}

export function findRecentBatches(db: Db, jobId: string, limit: number) {
  return db
    .select({
      id: b.id,
      size: b.size,
      failed: b.failed,
      attempts: b.attempts,
      error: b.error,
      sentAt: b.sentAt,
      createdAt: b.createdAt,
    })
    .from(b)
    .where(eq(b.jobId, jobId))
    .orderBy(desc(b.createdAt))
    .limit(limit);
}

export function findRecentImports(db: Db, jobId: string, limit: number) {
  return db
    .select({
      id: ai.id,
      source: ai.source,
      accountId: ai.accountId,
      lines: ai.lines,
      imported: ai.imported,
      duplicates: ai.duplicates,
      errors: ai.errors,
      importedAt: ai.importedAt,
    })
    .from(ai)
    .where(eq(ai.jobId, jobId))
    .orderBy(desc(ai.importedAt))
    .limit(limit);
}

export async function setJobStatus(tx: Tx, id: string, status: JobStatus, lastError?: string | null) {
  await tx
    .update(j)
    .set({ status, ...(lastError !== undefined ? { lastError } : {}) })
    .where(eq(j.id, id));
}

/**
 * A deleted job keeps its row and batch history for the audit trail; its queue and snapshot
 * go, and it lets go of its segment, which may then be deleted.
 */
export async function deleteJobWork(tx: Tx, id: string) {
  await tx.delete(q).where(and(eq(q.jobId, id), isNull(q.sentAt)));
  await tx.delete(am).where(eq(am.jobId, id));
  await tx.update(j).set({ segmentId: null }).where(eq(j.id, id));
}

export function findSegmentNames(db: Db, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: schema.segments.id,
      name: schema.segments.name,
      kind: schema.segments.kind,
      definition: schema.segments.definition,
    })
    .from(schema.segments)
    .where(and(eq(schema.segments.workspaceId, workspaceId), inArray(schema.segments.id, ids)));
}

/** Active jobs of these kinds, for the crons that fan out over them. */
export function findActiveJobIds(db: Db, kinds: JobKind[]) {
  return db
    .select({ id: j.id })
    .from(j)
    .where(and(eq(j.status, "active"), inArray(j.kind, kinds)));
}

// ---------------------------------------------------------------------------------------
// Snapshot and queue

/**
 * Moves the job's snapshot to the segment's current members and queues the difference, in
 * one statement per direction so a concurrent reconcile cannot queue the same change twice:
 * only the statement whose insert (or delete) changed the snapshot queues the row. A change
 * that undoes one still waiting unclaimed in the queue cancels it instead of queueing both.
 */
export async function reconcileSnapshot(
  tx: Tx,
  job: { id: string; workspaceId: string },
  members: SQL | undefined,
  options: { queueEnters: boolean; queueExits: boolean; now: Date },
): Promise<{ entered: number; exited: number; queued: number; cancelled: number }> {
  const isMember = members ?? sql`true`;
  const now = options.now.toISOString();
  const [enters] = await rowsOf<{ entered: number; queued: number; cancelled: number }>(
    tx,
    sql`with entered as (
          insert into ${am} (job_id, contact_id, entered_at)
          select ${job.id}::uuid, ${c.id}, ${now}::timestamptz from ${c} where ${c.workspaceId} = ${job.workspaceId} and ${isMember}
          on conflict do nothing
          returning contact_id
        ), cancelled as (
          delete from ${q} where ${q.jobId} = ${job.id} and ${q.change} = 'exit' and ${q.batchId} is null and ${q.sentAt} is null
            and ${q.contactId} in (select contact_id from entered)
          returning contact_id
        ), queued as (
          insert into ${q} (job_id, contact_id, change, enqueued_at)
          select ${job.id}::uuid, contact_id, 'enter', ${now}::timestamptz from entered
          where ${options.queueEnters}::boolean and contact_id not in (select contact_id from cancelled)
          returning 1
        )
        select (select count(*)::int from entered) as entered, (select count(*)::int from queued) as queued, (select count(*)::int from cancelled) as cancelled`,
  );
  const [exits] = await rowsOf<{ exited: number; queued: number; cancelled: number }>(
    tx,
    sql`with exited as (
          delete from ${am} where ${am.jobId} = ${job.id}
            and not exists (select 1 from ${c} where ${c.id} = ${am.contactId} and ${c.workspaceId} = ${job.workspaceId} and ${isMember})
          returning contact_id, riid
        ), cancelled as (
          delete from ${q} where ${q.jobId} = ${job.id} and ${q.change} = 'enter' and ${q.batchId} is null and ${q.sentAt} is null
            and ${q.contactId} in (select contact_id from exited)
          returning contact_id
        ), queued as (
          insert into ${q} (job_id, contact_id, change, riid, enqueued_at)
          select ${job.id}::uuid, contact_id, 'exit', riid, ${now}::timestamptz from exited
          where ${options.queueExits}::boolean and contact_id not in (select contact_id from cancelled)
          returning 1
        )
        select (select count(*)::int from exited) as exited, (select count(*)::int from queued) as queued, (select count(*)::int from cancelled) as cancelled`,
  );
  await tx.update(j).set({ reconciledAt: options.now }).where(eq(j.id, job.id));
  return {
    entered: Number(enters?.entered ?? 0),
    exited: Number(exits?.exited ?? 0),
    queued: Number(enters?.queued ?? 0) + Number(exits?.queued ?? 0),
    cancelled: Number(enters?.cancelled ?? 0) + Number(exits?.cancelled ?? 0),
  };
}

/** Entries a flush may take: unsent, and unclaimed or claimed by a run that stopped long ago. */
const takeable = (jobId: string, staleBefore: Date) =>
  and(eq(q.jobId, jobId), isNull(q.sentAt), or(isNull(q.batchId), lte(q.claimedAt, staleBefore)));

/** How many entries wait, and since when the oldest has. */
export async function findPending(runner: Runner, jobId: string, staleBefore: Date) {
  const [row] = await runner
    .select({ pending: count(), oldest: min(q.enqueuedAt) })
    .from(q)
    .where(takeable(jobId, staleBefore));
  return { pending: Number(row?.pending ?? 0), oldest: row?.oldest ?? null };
}

/**
 * Gives up to `limit` waiting entries, oldest first, to this batch. SKIP LOCKED: a concurrent
 * flush skips the rows this one is claiming instead of waiting to take the same ones.
 */
export async function claimEntries(
  tx: Tx,
  jobId: string,
  batchId: string,
  now: Date,
  staleBefore: Date,
  limit: number,
) {
  const ids = tx
    .select({ id: q.id })
    .from(q)
    .where(takeable(jobId, staleBefore))
    .orderBy(asc(q.enqueuedAt), asc(q.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  return tx.update(q).set({ batchId, claimedAt: now }).where(inArray(q.id, ids)).returning({ id: q.id });
}

/** The unsent entries of a batch with what the export reads of each contact, oldest first. */
export function findBatchEntries(runner: Runner, batchId: string) {
  return runner
    .select({
      id: q.id,
      contactId: q.contactId,
      change: q.change,
      riid: q.riid,
      contact: {
        id: c.id,
        email: c.email,
        mobileNumber: c.mobileNumber,
        firstName: c.firstName,
        lastName: c.lastName,
        city: c.city,
        state: c.state,
        postalCode: c.postalCode,
        country: c.country,
        mobileCountry: c.mobileCountry,
        timeZone: c.timeZone,
        attributes: c.attributes,
      },
    })
    .from(q)
    .innerJoin(c, eq(c.id, q.contactId))
    .where(and(eq(q.batchId, batchId), isNull(q.sentAt)))
    .orderBy(asc(q.enqueuedAt), asc(q.id));
}

/** The batch's row for the screens; a retry of the same batch counts an attempt. */
export async function recordBatchAttempt(
  runner: Runner,
  jobId: string,
  batchId: string,
  size: number,
): Promise<number> {
  const [row] = await runner
    .insert(b)
    .values({ id: batchId, jobId, size })
    .onConflictDoUpdate({ target: b.id, set: { attempts: sql`${b.attempts} + 1`, size } })
    .returning({ attempts: b.attempts });
  return row?.attempts ?? 1;
}

/** Forgets a batch that never reached the vendor: its entries wait again, as if never claimed. */
export async function dropBatch(tx: Tx, batchId: string) {
  await tx
    .update(q)
    .set({ batchId: null, claimedAt: null })
    .where(and(eq(q.batchId, batchId), isNull(q.sentAt)));
  await tx.delete(b).where(eq(b.id, batchId));
}

export async function recordBatchError(runner: Runner, jobId: string, batchId: string | null, error: string) {
  if (batchId) await runner.update(b).set({ error }).where(eq(b.id, batchId));
  await runner.update(j).set({ lastError: error }).where(eq(j.id, jobId));
}

/** Puts every claimed, unsent entry of the job back in the queue (a pause). */
export async function releaseClaims(tx: Tx, jobId: string) {
  await tx
    .update(q)
    .set({ batchId: null, claimedAt: null })
    .where(and(eq(q.jobId, jobId), isNull(q.sentAt)));
}

/** Puts a refused batch's entries back in the queue, for a resume to send. */
export async function releaseBatch(tx: Tx, batchId: string) {
  await tx
    .update(q)
    .set({ batchId: null, claimedAt: null })
    .where(and(eq(q.batchId, batchId), isNull(q.sentAt)));
}

/**
 * Marks the batch's entries sent (each with its row error, if Responsys refused it) and adds
 * the batch to the job's totals. Only entries still unsent under this batch id count, so a
 * batch marked twice (a retried step) is counted once.
 */
export async function markBatchSent(
  tx: Tx,
  jobId: string,
  batchId: string,
  now: Date,
  outcomes: {
    entryId: string;
    contactId: string;
    change: "enter" | "exit";
    error: string | null;
    riid: string | null;
  }[],
) {
  const failedIds = outcomes.filter((o) => o.error).map((o) => o.entryId);
  const marked = await tx
    .update(q)
    .set({ sentAt: now })
    .where(and(eq(q.batchId, batchId), isNull(q.sentAt)))
    .returning({ id: q.id });
  if (marked.length === 0) return { sent: 0, failed: 0 };
  for (const o of outcomes.filter((x) => x.error))
    await tx.update(q).set({ error: o.error }).where(eq(q.id, o.entryId));
  for (const o of outcomes.filter((x) => x.change === "enter" && x.riid)) {
    await tx
      .update(am)
      .set({ riid: o.riid })
      .where(and(eq(am.jobId, jobId), eq(am.contactId, o.contactId)));
  }
  const failed = failedIds.length;
  const sent = marked.length - failed;
  const firstError = outcomes.find((o) => o.error)?.error ?? null;
  await tx.update(b).set({ sentAt: now, size: marked.length, failed, error: firstError }).where(eq(b.id, batchId));
  await tx
    .update(j)
    .set({
      lastBatchAt: now,
      lastBatchSize: marked.length,
      totalSent: sql`${j.totalSent} + ${sent}`,
      totalFailed: sql`${j.totalFailed} + ${failed}`,
      lastError: firstError,
    })
    .where(eq(j.id, jobId));
  return { sent, failed };
}

/** Active export jobs whose oldest waiting entry has waited the job's batch timeout. */
export async function findDueJobIds(db: Db, now: Date, staleBefore: Date) {
  const oldest = db
    .select({ jobId: q.jobId, oldest: min(q.enqueuedAt).as("oldest") })
    .from(q)
    .where(and(isNull(q.sentAt), or(isNull(q.batchId), lte(q.claimedAt, staleBefore))))
    .groupBy(q.jobId)
    .as("oldest");
  const rows = await db
    .select({ id: j.id })
    .from(j)
    .innerJoin(oldest, eq(oldest.jobId, j.id))
    .where(
      and(
        eq(j.status, "active"),
        sql`${oldest.oldest} <= ${now.toISOString()}::timestamptz - make_interval(secs => ${j.batchTimeoutSeconds})`,
      ),
    );
  return rows.map((r) => r.id);
}

/** Which of these contacts are members of the condition (a segment's where), for membership columns. */
export async function findMembersAmong(db: Db, workspaceId: string, where: SQL | undefined, contactIds: string[]) {
  if (contactIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), inArray(c.id, contactIds), where));
  return new Set(rows.map((r) => r.id));
}

// ---------------------------------------------------------------------------------------
// Activity import

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

/** Inserts the events not yet ingested (once per job and external id) and returns those inserted. */
export async function findContactIdsByMobile(runner: Runner, workspaceId: string, numbers: string[]) {
  if (numbers.length === 0) return new Map<string, string>();
  const rows = await runner
    .select({ id: c.id, mobileNumber: c.mobileNumber })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), inArray(c.mobileNumber, numbers)));
  return new Map(rows.map((r) => [r.mobileNumber ?? "", r.id]));
}

export function insertActivityEvents(tx: Tx, rows: (typeof ae.$inferInsert)[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return tx
    .insert(ae)
    .values(rows)
    .onConflictDoNothing({ target: [ae.jobId, ae.externalEventId] })
    .returning({
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

// ---------------------------------------------------------------------------------------
// Form options

export function findResponsysIntegrations(db: Db, workspaceId: string) {
  return db
    .select({
      id: schema.integrations.id,
      label: schema.integrations.label,
      config: schema.integrations.config,
      status: schema.integrations.status,
      sandbox: schema.integrations.sandbox,
    })
    .from(schema.integrations)
    .where(
      and(
        eq(schema.integrations.workspaceId, workspaceId),
        eq(schema.integrations.vendor, "responsys"),
        isNull(schema.integrations.uninstalledAt),
      ),
    )
    .orderBy(asc(schema.integrations.label));
}

export function findSegmentChoices(db: Db, workspaceId: string) {
  return db
    .select({ id: schema.segments.id, name: schema.segments.name })
    .from(schema.segments)
    .where(eq(schema.segments.workspaceId, workspaceId))
    .orderBy(asc(schema.segments.name))
    .limit(1_000);
}

/** Custom attribute keys in use, from a sample of contacts (enough for a picker). */
export async function findAttributeKeys(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await rowsOf<{ key: string }>(
    db,
    sql`select distinct jsonb_object_keys(sample.attrs) as key from (select ${c.attributes} as attrs from ${c} where ${c.workspaceId} = ${workspaceId} limit 5000) sample order by 1 limit 200`,
  );
  return rows.map((r) => r.key);
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
