import { and, count, desc, eq, gt, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import type { DiscoveredSender } from "../../vendors/types";

const integrationColumns = {
  id: schema.integrations.id,
  vendor: schema.integrations.vendor,
  label: schema.integrations.label,
  description: schema.integrations.description,
  config: schema.integrations.config,
  secrets: schema.integrations.secrets,
  sandbox: schema.integrations.sandbox,
  status: schema.integrations.status,
  lastTestAt: schema.integrations.lastTestAt,
  lastTestOk: schema.integrations.lastTestOk,
  lastTestMessage: schema.integrations.lastTestMessage,
  lastError: schema.integrations.lastError,
  lastErrorAt: schema.integrations.lastErrorAt,
  webhookToken: schema.integrations.webhookToken,
  createdAt: schema.integrations.createdAt,
  uninstalledAt: schema.integrations.uninstalledAt,
};
export type IntegrationRow = Awaited<ReturnType<typeof findIntegration>> & {};

export async function findIntegration(db: Db | Tx, workspaceId: string, id: string) {
  const [row] = await db
    .select(integrationColumns)
    .from(schema.integrations)
    .where(and(eq(schema.integrations.id, id), eq(schema.integrations.workspaceId, workspaceId)));
  return row;
}

export function findIntegrations(db: Db, workspaceId: string, includeUninstalled: boolean) {
  return db
    .select(integrationColumns)
    .from(schema.integrations)
    .where(
      and(
        eq(schema.integrations.workspaceId, workspaceId),
        includeUninstalled ? undefined : isNull(schema.integrations.uninstalledAt),
      ),
    )
    .orderBy(desc(schema.integrations.createdAt));
}

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

export async function recordVendorCall(
  tx: Tx,
  integrationId: string,
  operation: string,
  ok: boolean,
  errorCode: string | null,
) {
  await tx.insert(schema.vendorCalls).values({ integrationId, operation, ok, errorCode });
}

/** Shown as the integration's last error on its page. */
export async function recordIntegrationError(tx: Tx, integrationId: string, message: string) {
  await tx
    .update(schema.integrations)
    .set({ lastError: message, lastErrorAt: new Date() })
    .where(eq(schema.integrations.id, integrationId));
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
