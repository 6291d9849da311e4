import { and, asc, desc, eq, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { afterCursorDesc, type Cursor } from "../../lib/keyset";

const inv = schema.responsysAppInvocations;
const m = schema.messages;

/** Stores an invoke once per (service, uuid); null when that uuid was already received. */
export async function insertInvocation(db: Db, values: typeof inv.$inferInsert) {
  const [row] = await db.insert(inv).values(values).onConflictDoNothing().returning({ id: inv.id });
  return row ?? null;
}

export async function deleteInvocation(db: Db, id: string) {
  await db.delete(inv).where(eq(inv.id, id));
}

export async function findInvocation(db: Db | Tx, id: string) {
  const [row] = await db
    .select({
      id: inv.id,
      campaignId: inv.campaignId,
      uuid: inv.uuid,
      appId: inv.appId,
      installId: inv.installId,
      instanceId: inv.instanceId,
      tenantId: inv.tenantId,
      secret: inv.secret,
      inputParameters: inv.inputParameters,
      outputParameters: inv.outputParameters,
      dataSetId: inv.dataSetId,
      inlineRows: inv.inlineRows,
      exportEndpoint: inv.exportEndpoint,
      importEndpoint: inv.importEndpoint,
      completionEndpoint: inv.completionEndpoint,
      maxPullPageSize: inv.maxPullPageSize,
      maxPushBatchSize: inv.maxPushBatchSize,
      status: inv.status,
    })
    .from(inv)
    .where(eq(inv.id, id));
  if (!row) throw new Error(`responsys invocation ${id} does not exist`);
  return row;
}
export type InvocationRow = Awaited<ReturnType<typeof findInvocation>>;

export async function setInvocationStatus(
  db: Db,
  id: string,
  set: Pick<typeof inv.$inferInsert, "status" | "queuedAt" | "completedAt" | "lastError" | "failedAt">,
) {
  await db.update(inv).set(set).where(eq(inv.id, id));
}

/** Which of these numbers a row of the occurrence already holds (is messaged for), and which row. */
export async function findOccurrenceNumbers(db: Db | Tx, campaignId: string, occurrence: string, numbers: string[]) {
  if (numbers.length === 0) return new Map<string, string | null>();
  const rows = await db
    .select({ toNumber: m.toNumber, externalRef: m.externalRef })
    .from(m)
    .where(
      and(
        eq(m.campaignId, campaignId),
        eq(m.occurrence, occurrence),
        ne(m.status, "skipped"),
        inArray(m.toNumber, numbers),
      ),
    );
  return new Map(rows.map((r) => [r.toNumber, r.externalRef]));
}

/** The still-queued messages of these rows (new or queued by an earlier try of the same page). */
export async function findQueuedRowMessages(
  db: Db | Tx,
  campaignId: string,
  occurrence: string,
  externalRefs: string[],
) {
  if (externalRefs.length === 0) return [];
  const rows = await db
    .select({ id: m.id })
    .from(m)
    .where(
      and(
        eq(m.campaignId, campaignId),
        eq(m.occurrence, occurrence),
        eq(m.status, "queued"),
        inArray(m.externalRef, externalRefs),
      ),
    )
    .orderBy(asc(m.id));
  return rows.map((r) => r.id);
}

const FINAL = ["delivered", "read", "failed", "skipped"] as const;

/** Rows not pushed yet whose status is final or whose status timeout (from creation) has passed. */
export function findDueResults(
  db: Db,
  input: { campaignId: string; occurrence: string; timeoutMinutes: number; now: Date; limit: number },
) {
  const cutoff = sql`${input.now.toISOString()}::timestamptz - make_interval(mins => ${input.timeoutMinutes}::int)`;
  return db
    .select({
      id: m.id,
      externalRef: m.externalRef,
      status: m.status,
      errorCode: m.errorCode,
      errorMessage: m.errorMessage,
    })
    .from(m)
    .where(
      and(
        eq(m.campaignId, input.campaignId),
        eq(m.occurrence, input.occurrence),
        isNull(m.statusWrittenAt),
        or(inArray(m.status, [...FINAL]), lte(m.createdAt, cutoff)),
      ),
    )
    .orderBy(asc(m.id))
    .limit(input.limit);
}

/** Marks pushed rows reported (status_written_at) and counts them on the invocation, in one transaction. */
export async function markResultsPushed(db: Db, invocationId: string, messageIds: string[], now: Date) {
  await db.transaction(async (tx) => {
    const marked = await tx
      .update(m)
      .set({ statusWrittenAt: now })
      .where(and(inArray(m.id, messageIds), isNull(m.statusWrittenAt)))
      .returning({ id: m.id });
    await tx
      .update(inv)
      .set({ rowsPushed: sql`${inv.rowsPushed} + ${marked.length}::int` })
      .where(eq(inv.id, invocationId));
  });
}

/** Rows still to push, and when the last of them reaches its status timeout. */
export async function findReportProgress(db: Db, campaignId: string, occurrence: string, timeoutMinutes: number) {
  const [row] = await db
    .select({
      remaining: sql<number>`count(*) filter (where ${m.statusWrittenAt} is null)::int`,
      deadline: sql<Date | null>`max(${m.createdAt}) + make_interval(mins => ${timeoutMinutes}::int)`.mapWith(
        m.createdAt,
      ),
    })
    .from(m)
    .where(and(eq(m.campaignId, campaignId), eq(m.occurrence, occurrence)));
  return { remaining: row?.remaining ?? 0, deadline: row?.deadline ?? null };
}

const svc = schema.responsysAppServices;
const camp = schema.campaigns;

/** What the invocations page shows of each: its service's campaign, counts and times. */
const invocationSummary = {
  id: inv.id,
  uuid: inv.uuid,
  status: inv.status,
  campaignId: inv.campaignId,
  campaignName: camp.name,
  programName: svc.programName,
  size: inv.size,
  rowsPushed: inv.rowsPushed,
  lastError: inv.lastError,
  attempt: inv.attempt,
  receivedAt: inv.receivedAt,
  queuedAt: inv.queuedAt,
  completedAt: inv.completedAt,
  failedAt: inv.failedAt,
};

/** A page of the workspace's invocations, newest first (responsys_app_invocations_workspace_idx). */
export function findInvocationsPage(
  db: Db,
  workspaceId: string,
  status: (typeof inv.status.enumValues)[number] | null,
  cursor: Cursor | null,
  limit: number,
) {
  return db
    .select(invocationSummary)
    .from(inv)
    .innerJoin(camp, eq(camp.id, inv.campaignId))
    .innerJoin(svc, eq(svc.id, inv.serviceId))
    .where(
      and(
        eq(inv.workspaceId, workspaceId),
        status ? eq(inv.status, status) : undefined,
        afterCursorDesc(cursor, inv.receivedAt, inv.id),
      ),
    )
    .orderBy(desc(inv.receivedAt), desc(inv.id))
    .limit(limit + 1);
}

export async function findWorkspaceInvocation(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(invocationSummary)
    .from(inv)
    .innerJoin(camp, eq(camp.id, inv.campaignId))
    .innerJoin(svc, eq(svc.id, inv.serviceId))
    .where(and(eq(inv.id, id), eq(inv.workspaceId, workspaceId)));
  return row ?? null;
}

/** The invocation's messages per status, and its failures (failed or skipped rows) per reason. */
export async function findInvocationOutcomes(db: Db, campaignId: string, occurrence: string) {
  const scope = and(eq(m.campaignId, campaignId), eq(m.occurrence, occurrence));
  const [byStatus, reasons] = await Promise.all([
    db
      .select({ status: m.status, n: sql<number>`count(*)::int` })
      .from(m)
      .where(scope)
      .groupBy(m.status),
    db
      .select({
        status: m.status,
        reason: sql<string>`coalesce(${m.errorMessage}, ${m.errorCode}, 'No reason recorded')`,
        n: sql<number>`count(*)::int`,
      })
      .from(m)
      .where(and(scope, inArray(m.status, ["failed", "skipped"])))
      .groupBy(m.status, sql`2`)
      .orderBy(sql`3 desc`)
      .limit(50),
  ]);
  return { byStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])), reasons };
}

/**
 * Takes a failed invocation back for a retry, once: concurrent retries find it no longer
 * failed. It goes back to where it failed: rows not all queued yet (no queuedAt) are queued
 * again, else results are reported again. Null when it was not failed.
 */
export async function reopenFailedInvocation(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx
    .update(inv)
    .set({
      status: sql`case when ${inv.queuedAt} is null then 'received' else 'queued' end::responsys_invocation_status`,
      lastError: null,
      failedAt: null,
      attempt: sql`${inv.attempt} + 1`,
    })
    .where(and(eq(inv.id, id), eq(inv.workspaceId, workspaceId), eq(inv.status, "failed")))
    .returning({ attempt: inv.attempt, status: inv.status });
  return row ?? null;
}
