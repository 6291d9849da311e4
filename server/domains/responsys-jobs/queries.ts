// Audience jobs: their rows, the lists and detail screens, status changes and deletion. The export
// queue, activity imports and form options have their own *-queries.ts beside this file.
import { and, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";

const j = schema.audienceJobs;
const q = schema.audienceQueue;
const am = schema.audienceMembers;
const b = schema.audienceBatches;
const ai = schema.activityImports;

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
  if (!row) throw new Error("Responsys job not inserted");
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
      attachedByRiid: ai.attachedByRiid,
      attachedByEmail: ai.attachedByEmail,
      attachedByMobile: ai.attachedByMobile,
      created: ai.created,
      unmatched: ai.unmatched,
      importedAt: ai.importedAt,
    })
    .from(ai)
    .where(eq(ai.jobId, jobId))
    .orderBy(desc(ai.importedAt))
    .limit(limit);
}

/** An import's unmatched rows, when the import belongs to a job of the workspace. */
export async function findUnmatchedRows(db: Db, workspaceId: string, importId: string) {
  const [row] = await db
    .select({ source: ai.source, rows: ai.unmatchedRows })
    .from(ai)
    .innerJoin(j, eq(j.id, ai.jobId))
    .where(and(eq(ai.id, importId), eq(j.workspaceId, workspaceId)));
  return row ?? null;
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
