// The export queue: the job's snapshot of its segment, the entries waiting to go to Responsys,
// and the batches that take them (reconcile-audience, flush-audience, scheduled-jobs).
import { and, asc, count, eq, inArray, isNull, lte, min, or, sql, type SQL } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { rowsOf } from "../../lib/raw-rows";

const j = schema.audienceJobs;
const q = schema.audienceQueue;
const am = schema.audienceMembers;
const b = schema.audienceBatches;
const c = schema.contacts;

type Runner = Db | Tx;

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
