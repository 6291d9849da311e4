import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import type { Channel } from "../contact/schema";

// The write-back domain's reads and writes: consent_write_backs, and where a number came from.

const wb = schema.consentWriteBacks;

export type WriteBackValues = typeof wb.$inferInsert;

/** Opens a write-back once per (consent event, target); null when it was already opened. */
export async function insertWriteBack(tx: Tx, values: WriteBackValues) {
  const [row] = await tx.insert(wb).values(values).onConflictDoNothing().returning({ id: wb.id });
  return row?.id ?? null;
}

export async function findWriteBack(db: Db, id: string) {
  const [row] = await db
    .select({
      id: wb.id,
      workspaceId: wb.workspaceId,
      consentEventId: wb.consentEventId,
      target: wb.target,
      reference: wb.reference,
      status: wb.status,
      address: schema.consentEvents.address,
      channel: schema.consentEvents.channel,
    })
    .from(wb)
    .innerJoin(schema.consentEvents, eq(schema.consentEvents.id, wb.consentEventId))
    .where(eq(wb.id, id));
  return row ?? null;
}

/** One attempt's result: the attempt is counted in the same statement, so concurrent retries cannot lose one. */
export async function recordWriteBackAttempt(
  db: Db,
  id: string,
  result: { status: "pending" | "done" | "failed"; outcome: string | null; lastError: string | null },
) {
  await db
    .update(wb)
    .set({ ...result, attempts: sql`${wb.attempts} + 1`, updatedAt: new Date() })
    .where(eq(wb.id, id));
}

/** The write-backs of these consent events, newest first. */
export function findWriteBacksOfEvents(db: Db, eventIds: string[]) {
  if (eventIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: wb.id,
      consentEventId: wb.consentEventId,
      channel: schema.consentEvents.channel,
      target: wb.target,
      status: wb.status,
      attempts: wb.attempts,
      outcome: wb.outcome,
      lastError: wb.lastError,
      createdAt: wb.createdAt,
      updatedAt: wb.updatedAt,
    })
    .from(wb)
    .innerJoin(schema.consentEvents, eq(schema.consentEvents.id, wb.consentEventId))
    .where(inArray(wb.consentEventId, eventIds))
    .orderBy(desc(wb.createdAt), desc(wb.id));
}

/**
 * The newest Responsys invocation row that brought this number in on this channel, from a
 * service whose campaign names the profile list's opt-in field; null when the number never
 * came from Responsys. Test sends do not count.
 */
export async function findResponsysOrigin(db: Db | Tx, workspaceId: string, channel: Channel, address: string) {
  const m = schema.messages;
  const c = schema.campaigns;
  const inv = schema.responsysAppInvocations;
  const [row] = await db
    .select({ invocationId: inv.id })
    .from(m)
    .innerJoin(c, eq(c.id, m.campaignId))
    .innerJoin(inv, and(eq(inv.campaignId, m.campaignId), eq(m.occurrence, sql`'invoke:' || ${inv.uuid}`)))
    .where(
      and(
        eq(m.workspaceId, workspaceId),
        eq(m.toNumber, address),
        isNotNull(m.externalRef),
        eq(m.channel, channel),
        eq(m.isTest, false),
        eq(c.trigger, "responsys_app"),
        isNotNull(c.optInField),
      ),
    )
    .orderBy(desc(m.createdAt))
    .limit(1);
  return row ?? null;
}
