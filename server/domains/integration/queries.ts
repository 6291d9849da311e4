import { and, count, eq, gt, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import type { DiscoveredSender } from "../../vendors/types";
import { integrationColumns } from "./reads";

/** Vendor calls and failures per integration over the last 24 hours, for the health figure. */
export function findRecentCallCounts(db: Db, integrationIds: string[]) {
  if (integrationIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      integrationId: schema.vendorCalls.integrationId,
      total: count(),
      failed: sql<number>`count(*) filter (where not ${schema.vendorCalls.ok})`.mapWith(Number),
    })
    .from(schema.vendorCalls)
    .where(
      and(
        inArray(schema.vendorCalls.integrationId, integrationIds),
        gt(schema.vendorCalls.at, new Date(Date.now() - 24 * 3_600_000)),
      ),
    )
    .groupBy(schema.vendorCalls.integrationId);
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
