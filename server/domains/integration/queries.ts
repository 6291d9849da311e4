import { and, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import type { DiscoveredSender } from "../../vendors/types";
import { integrationColumns } from "./reads";

const vs = schema.vendorCallStats;
const callback = sql`${vs.operation} like 'webhook.%'`;

/**
 * Per integration, from its call counters: calls and failures since `since` (whole hours), the
 * last successful call, the last callback received, and the last failure with its reason.
 */
export function findHealthFigures(db: Db, integrationIds: string[], since: Date) {
  if (integrationIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      integrationId: vs.integrationId,
      succeeded:
        sql<number>`coalesce(sum(${vs.succeeded}) filter (where ${vs.hour} >= ${since.toISOString()}::timestamptz), 0)`.mapWith(
          Number,
        ),
      failed:
        sql<number>`coalesce(sum(${vs.failed}) filter (where ${vs.hour} >= ${since.toISOString()}::timestamptz), 0)`.mapWith(
          Number,
        ),
      lastSuccessAt: sql<Date | null>`max(${vs.lastSuccessAt}) filter (where not ${callback})`.mapWith(
        vs.lastSuccessAt,
      ),
      lastCallbackAt: sql<Date | null>`max(${vs.lastSuccessAt}) filter (where ${callback})`.mapWith(vs.lastSuccessAt),
      lastFailureAt: sql<Date | null>`max(${vs.lastFailureAt})`.mapWith(vs.lastFailureAt),
      lastFailure: sql<string | null>`(array_agg(${vs.lastFailure} order by ${vs.lastFailureAt} desc nulls last))[1]`,
    })
    .from(vs)
    .where(inArray(vs.integrationId, integrationIds))
    .groupBy(vs.integrationId);
}

export function findSenders(db: Db, integrationId: string) {
  return db
    .select({
      id: schema.senders.id,
      externalId: schema.senders.externalId,
      name: schema.senders.name,
      phoneNumber: schema.senders.phoneNumber,
      active: schema.senders.active,
      messagesPerSecond: schema.senders.messagesPerSecond,
    })
    .from(schema.senders)
    .where(eq(schema.senders.integrationId, integrationId))
    .orderBy(schema.senders.name);
}

/** A sender of an integration of this workspace, with its pace. */
export async function findWorkspaceSender(tx: Tx, workspaceId: string, senderId: string) {
  const [row] = await tx
    .select({
      id: schema.senders.id,
      integrationId: schema.senders.integrationId,
      messagesPerSecond: schema.senders.messagesPerSecond,
    })
    .from(schema.senders)
    .innerJoin(schema.integrations, eq(schema.integrations.id, schema.senders.integrationId))
    .where(and(eq(schema.senders.id, senderId), eq(schema.integrations.workspaceId, workspaceId)));
  return row ?? null;
}

export async function setSenderPaceRow(tx: Tx, senderId: string, messagesPerSecond: number | null) {
  await tx.update(schema.senders).set({ messagesPerSecond }).where(eq(schema.senders.id, senderId));
}

/** Upserts what the vendor reported and marks senders it no longer reports inactive. */
export async function syncSenders(tx: Tx, integrationId: string, senders: DiscoveredSender[]) {
  const now = new Date();
  for (const s of senders) {
    await tx
      .insert(schema.senders)
      .values({ integrationId, ...s, active: true, syncedAt: now })
      .onConflictDoUpdate({
        target: [schema.senders.integrationId, schema.senders.externalId],
        // A pace an admin set stays; the vendor's figure (none report one today) fills a gap.
        set: {
          name: s.name,
          phoneNumber: s.phoneNumber,
          messagesPerSecond: sql`coalesce(${schema.senders.messagesPerSecond}, excluded.messages_per_second)`,
          active: true,
          syncedAt: now,
        },
      });
  }
  const reported = senders.map((s) => s.externalId);
  await tx
    .update(schema.senders)
    .set({ active: false })
    .where(
      and(
        eq(schema.senders.integrationId, integrationId),
        reported.length ? notInArray(schema.senders.externalId, reported) : undefined,
      ),
    );
}

/** Test-mode integrations in every workspace that have webhook URLs to hand to the sandbox. */
export function findSandboxIntegrations(db: Db) {
  const i = schema.integrations;
  return db
    .select(integrationColumns)
    .from(i)
    .where(and(eq(i.sandbox, true), isNull(i.uninstalledAt)))
    .orderBy(i.createdAt);
}
