import { and, asc, desc, eq, gt, isNotNull, isNull, lt, or } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { afterCursorDesc, type Cursor } from "../../lib/keyset";
import { consentColumnOf } from "../contact/reads";

const p = schema.loyaltyPrograms;
const a = schema.loyaltyActions;
const i = schema.integrations;
const contacts = schema.contacts;

/** The program as the settings screen shows it; no integration settings. */
export async function findProgram(db: Db | Tx, workspaceId: string) {
  const [row] = await db
    .select({
      integrationId: p.integrationId,
      enabled: p.enabled,
      rules: p.rules,
      enabledAt: p.enabledAt,
      updatedAt: p.updatedAt,
    })
    .from(p)
    .where(eq(p.workspaceId, workspaceId));
  return row ?? null;
}

export async function upsertProgram(tx: Tx, values: typeof p.$inferInsert) {
  const { workspaceId, ...set } = values;
  await tx
    .insert(p)
    .values(values)
    .onConflictDoUpdate({ target: p.workspaceId, set: { ...set, updatedAt: new Date() } });
  return workspaceId;
}

/**
 * The Attentive integration a workspace's text subscriptions live in: the loyalty program's,
 * or else the workspace's active Attentive integration (the oldest, when there are several).
 */
export async function findSubscriptionIntegration(db: Db | Tx, workspaceId: string) {
  const w = schema.workspaces;
  const [row] = await db
    .select({
      workspaceId: w.id,
      integration: {
        id: i.id,
        config: i.config,
        secrets: i.secrets,
        sandbox: i.sandbox,
        status: i.status,
        uninstalledAt: i.uninstalledAt,
      },
    })
    .from(w)
    .leftJoin(p, eq(p.workspaceId, w.id))
    .innerJoin(
      i,
      or(
        eq(i.id, p.integrationId),
        and(
          isNull(p.integrationId),
          eq(i.workspaceId, w.id),
          eq(i.vendor, "attentive"),
          eq(i.status, "active"),
          isNull(i.uninstalledAt),
        ),
      ),
    )
    .where(eq(w.id, workspaceId))
    .orderBy(asc(i.createdAt))
    .limit(1);
  return row ?? null;
}

export async function setPullCursor(db: Db, workspaceId: string, cursor: string | null) {
  await db.update(p).set({ pullCursor: cursor }).where(eq(p.workspaceId, workspaceId));
}

/**
 * One page of the program's members in contact-id order (keyset: after the last page's id):
 * contacts opted in to SMS with a mobile number (what Attentive texts) and an Annex Cloud id or
 * an email (how Annex Cloud finds the member).
 */
export function findMembersPage(db: Db, workspaceId: string, after: string | null, limit: number) {
  return db
    .select({ id: contacts.id, email: contacts.email, annexId: contacts.annexId })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        eq(consentColumnOf("sms"), "opt_in"),
        isNotNull(contacts.mobileNumber),
        or(isNotNull(contacts.annexId), isNotNull(contacts.email)),
        after ? gt(contacts.id, after) : undefined,
      ),
    )
    .orderBy(asc(contacts.id))
    .limit(limit);
}

const INSERT_SLICE = 1000;

/** Stores actions not seen before (one per Annex Cloud activity); returns how many were new. */
export async function insertActions(db: Db, rows: (typeof a.$inferInsert)[]) {
  let stored = 0;
  // In slices, to stay far below PostgreSQL's 65,535 parameters per statement.
  for (let start = 0; start < rows.length; start += INSERT_SLICE) {
    const inserted = await db
      .insert(a)
      .values(rows.slice(start, start + INSERT_SLICE))
      .onConflictDoNothing({ target: [a.workspaceId, a.annexSiteId, a.externalId] })
      .returning({ id: a.id });
    stored += inserted.length;
  }
  return stored;
}

/** The oldest actions still to text. */
export async function findPendingActionIds(db: Db, workspaceId: string, limit: number) {
  const rows = await db
    .select({ id: a.id })
    .from(a)
    .where(and(eq(a.workspaceId, workspaceId), eq(a.status, "pending")))
    .orderBy(asc(a.occurredAt), asc(a.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Claims a pending action for texting; null when another run has it or it is done. */
export async function claimAction(db: Db, id: string) {
  const [row] = await db
    .update(a)
    .set({ status: "sending", claimedAt: new Date() })
    .where(and(eq(a.id, id), eq(a.status, "pending")))
    .returning({ id: a.id, type: a.type, contactId: a.contactId, details: a.details });
  return row ?? null;
}

/** Gives a claim back when the vendor refused before taking the text (rate limited), so a retry may send. */
export async function releaseAction(db: Db, id: string) {
  await db
    .update(a)
    .set({ status: "pending", claimedAt: null })
    .where(and(eq(a.id, id), eq(a.status, "sending")));
}

export type ActionOutcome = {
  status: "sent" | "failed" | "skipped";
  toNumber?: string | null;
  body?: string | null;
  reasonCode?: string | null;
  reason?: string | null;
};

export async function setActionOutcome(db: Db, id: string, outcome: ActionOutcome) {
  await db
    .update(a)
    .set({
      status: outcome.status,
      toNumber: outcome.toNumber ?? null,
      body: outcome.body ?? null,
      reasonCode: outcome.reasonCode ?? null,
      reason: outcome.reason ?? null,
      statusAt: new Date(),
    })
    .where(eq(a.id, id));
}

/**
 * Sends cut off after their claim (the process died mid-call) are settled as failed, never
 * retried: Attentive takes no idempotency key, so the text may have gone out.
 */
export async function failCutOffSends(db: Db, workspaceId: string, claimedBefore: Date) {
  const rows = await db
    .update(a)
    .set({
      status: "failed",
      reasonCode: "interrupted",
      reason: "The send was interrupted; the text may or may not have been sent, so it was not sent again.",
      statusAt: new Date(),
    })
    .where(and(eq(a.workspaceId, workspaceId), eq(a.status, "sending"), lt(a.claimedAt, claimedBefore)))
    .returning({ id: a.id });
  return rows.length;
}

/** The actions list, newest first, with each member's name and email. */
export function findActionsPage(db: Db, workspaceId: string, cursor: Cursor | null, limit: number) {
  return db
    .select({
      id: a.id,
      type: a.type,
      details: a.details,
      occurredAt: a.occurredAt,
      status: a.status,
      toNumber: a.toNumber,
      body: a.body,
      reasonCode: a.reasonCode,
      reason: a.reason,
      statusAt: a.statusAt,
      contactId: a.contactId,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
    })
    .from(a)
    .leftJoin(contacts, eq(contacts.id, a.contactId))
    .where(and(eq(a.workspaceId, workspaceId), afterCursorDesc(cursor, a.occurredAt, a.id)))
    .orderBy(desc(a.occurredAt), desc(a.id))
    .limit(limit + 1);
}

/** Whether a consent ledger event is visible (committed). */
export async function consentEventExists(db: Db, id: string) {
  const [row] = await db
    .select({ id: schema.consentEvents.id })
    .from(schema.consentEvents)
    .where(eq(schema.consentEvents.id, id));
  return row !== undefined;
}
