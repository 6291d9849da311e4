import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { afterCursorDesc, type Cursor } from "../../lib/keyset";
import { WINDOW_MS } from "./window";
import type { ConversationFilter } from "./schema";

/** The integration an inbound message came through, with its workspace's own consent keywords. */
export async function findInboundTarget(tx: Tx, integrationId: string) {
  const i = schema.integrations;
  const w = schema.workspaces;
  const [row] = await tx
    .select({ workspaceId: i.workspaceId, vendor: i.vendor, keywords: w.consentKeywords })
    .from(i)
    .innerJoin(w, eq(w.id, i.workspaceId))
    .where(eq(i.id, integrationId));
  return row ?? null;
}

/** Stores an inbound message once per vendor message id; null when it was already stored. */
export async function insertInboundMessage(tx: Tx, values: typeof schema.inboundMessages.$inferInsert) {
  const m = schema.inboundMessages;
  const [row] = await tx
    .insert(m)
    .values(values)
    .onConflictDoNothing({ target: [m.integrationId, m.vendorMessageId] })
    .returning({ id: m.id });
  return row?.id ?? null;
}

/**
 * The contact's open conversation on this integration, opened when there is none, with its
 * 24-hour window moved to 24 hours after this message (never backwards: messages can arrive
 * out of order) and the wait for a reply started if it was not already running.
 */
export async function touchConversation(
  tx: Tx,
  values: { workspaceId: string; contactId: string; integrationId: string; channel: "whatsapp" | "sms"; at: Date },
) {
  const c = schema.conversations;
  const windowEnd = new Date(values.at.getTime() + WINDOW_MS);
  const [open] = await tx
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.contactId, values.contactId), eq(c.integrationId, values.integrationId), eq(c.state, "open")))
    .for("update");
  if (open) {
    await tx
      .update(c)
      .set({
        // postgres.js takes no Date inside raw SQL: the instants go as ISO text.
        sessionExpiresAt: sql`greatest(${c.sessionExpiresAt}, ${windowEnd.toISOString()}::timestamptz)`,
        awaitingReplySince: sql`coalesce(${c.awaitingReplySince}, ${values.at.toISOString()}::timestamptz)`,
        lastMessageAt: sql`greatest(${c.lastMessageAt}, ${values.at.toISOString()}::timestamptz)`,
      })
      .where(eq(c.id, open.id));
    return open.id;
  }
  const [created] = await tx
    .insert(c)
    .values({
      ...values,
      sessionExpiresAt: windowEnd,
      awaitingReplySince: values.at,
      lastMessageAt: values.at,
      createdAt: values.at,
    })
    .returning({ id: c.id });
  if (!created) throw new Error("insert returned no row");
  return created.id;
}

export async function insertConversationMessage(tx: Tx, values: typeof schema.conversationMessages.$inferInsert) {
  await tx.insert(schema.conversationMessages).values(values);
}

// ---- The conversations screen, replies, closing and agent assignment ----

const conv = schema.conversations;

/** The conversation, locked for the change that follows; null when not in this workspace. */
export async function findConversationForUpdate(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx
    .select({
      id: conv.id,
      workspaceId: conv.workspaceId,
      state: conv.state,
      agentUserId: conv.agentUserId,
      agentEmail: conv.agentEmail,
      closedAt: conv.closedAt,
      closeProfile: conv.closeProfile,
    })
    .from(conv)
    .where(and(eq(conv.id, id), eq(conv.workspaceId, workspaceId)))
    .for("update");
  return row ?? null;
}

export async function updateConversation(
  tx: Tx,
  id: string,
  values: Partial<typeof schema.conversations.$inferInsert>,
) {
  await tx.update(conv).set(values).where(eq(conv.id, id));
}

export async function findWorkspaceUserByEmail(tx: Tx | Db, workspaceId: string, email: string) {
  const u = schema.users;
  const [row] = await tx
    .select({ id: u.id, email: u.email })
    .from(u)
    .where(and(eq(u.workspaceId, workspaceId), sql`lower(${u.email}) = lower(${email})`));
  return row ?? null;
}

/**
 * The campaign a reply from this number answers: the one that last messaged the number through
 * this integration (a campaign message, a dialer line, a Responsys row), whoever it was a contact of.
 */
export async function findAnsweredCampaign(tx: Tx, integrationId: string, toNumber: string) {
  const m = schema.messages;
  const [row] = await tx
    .select({ campaignId: m.campaignId })
    .from(m)
    .where(and(eq(m.integrationId, integrationId), eq(m.toNumber, toNumber), isNotNull(m.campaignId)))
    .orderBy(desc(m.createdAt))
    .limit(1);
  return row?.campaignId ?? null;
}

/** Whether the conversation is linked to a campaign or an agent yet. */
export async function findConversationAssignment(tx: Tx, id: string) {
  const [row] = await tx
    .select({ campaignId: conv.campaignId, agentUserId: conv.agentUserId })
    .from(conv)
    .where(eq(conv.id, id));
  return row ?? null;
}

/** Sets campaign and agent only on a conversation that has no agent yet (a retried run changes nothing). */
export async function assignAgentIfNone(
  tx: Tx,
  id: string,
  values: { campaignId: string; agentUserId: string | null; agentEmail: string | null },
) {
  await tx
    .update(conv)
    .set(values)
    .where(and(eq(conv.id, id), isNull(conv.agentUserId), isNull(conv.campaignId)));
}

const lastMessageBody = sql<
  string | null
>`(select ${schema.conversationMessages.body} from ${schema.conversationMessages} where ${schema.conversationMessages.conversationId} = ${conv.id} order by ${schema.conversationMessages.sentAt} desc, ${schema.conversationMessages.id} desc limit 1)`;
const lastMessageDirection = sql<
  "inbound" | "outbound" | null
>`(select ${schema.conversationMessages.direction} from ${schema.conversationMessages} where ${schema.conversationMessages.conversationId} = ${conv.id} order by ${schema.conversationMessages.sentAt} desc, ${schema.conversationMessages.id} desc limit 1)`;

/**
 * When a waiting conversation's first response is due: its wait start plus its campaign's
 * service level; null when nobody waits or the campaign sets none.
 */
const responseDueAt = sql<Date | null>`case when ${conv.state} = 'open' then ${conv.awaitingReplySince} + make_interval(mins => ${schema.campaigns.serviceLevelMinutes}) end`;

/**
 * The list's order as one descending instant, so the (instant, id) keyset pages it: a
 * conversation with a response due sorts before every other, earliest due first (overdue ones
 * lead), as a far-future instant that shrinks as its due time grows; the rest follow latest
 * message first. Postgres cannot index it (it depends on the campaign's row), so it sorts the
 * workspace's matching conversations: fine at desk sizes.
 */
const listOrderAt = sql`coalesce(timestamptz '9999-01-01 00:00:00+00' - (${responseDueAt} - timestamptz '1970-01-01 00:00:00+00'), ${conv.lastMessageAt})`;

/** Open and waiting for an agent's answer (window.ts's `waiting`). */
export const waiting = and(eq(conv.state, "open"), isNotNull(conv.awaitingReplySince));
/** Waiting past its first response's due time (window.ts's `overdue`); needs the campaign joined. */
export const overdue = sql`${responseDueAt} < now()`;

/** One page of conversations: those with a first response due first, earliest due first; then latest message first. */
export function findConversationsPage(
  db: Db,
  workspaceId: string,
  filter: { filter: ConversationFilter; userId: string; after: Cursor | null; limit: number },
) {
  const ct = schema.contacts;
  const cs = schema.caseSyncs;
  const cp = schema.campaigns;
  const i = schema.integrations;
  const where = {
    open: eq(conv.state, "open"),
    closed: eq(conv.state, "closed"),
    mine: and(eq(conv.state, "open"), eq(conv.agentUserId, filter.userId)),
    waiting,
    overdue: and(waiting, overdue),
    all: undefined,
  }[filter.filter];
  return db
    .select({
      id: conv.id,
      channel: conv.channel,
      state: conv.state,
      agentEmail: conv.agentEmail,
      lastMessageAt: conv.lastMessageAt,
      awaitingReplySince: conv.awaitingReplySince,
      sessionExpiresAt: conv.sessionExpiresAt,
      closedAt: conv.closedAt,
      closeProfile: conv.closeProfile,
      contactId: ct.id,
      mobileNumber: ct.mobileNumber,
      firstName: ct.firstName,
      lastName: ct.lastName,
      integrationLabel: i.label,
      campaignName: cp.name,
      serviceLevelMinutes: cp.serviceLevelMinutes,
      lastMessageBody,
      lastMessageDirection,
      // As epoch milliseconds: drivers differ in how they return a raw timestamptz.
      orderAt: sql<Date>`extract(epoch from ${listOrderAt}) * 1000`.mapWith((v) => new Date(Number(v))),
      syncStatus: cs.status,
      caseNumber: cs.caseNumber,
    })
    .from(conv)
    .innerJoin(ct, eq(ct.id, conv.contactId))
    .innerJoin(i, eq(i.id, conv.integrationId))
    .leftJoin(cp, eq(cp.id, conv.campaignId))
    .leftJoin(cs, eq(cs.conversationId, conv.id))
    .where(and(eq(conv.workspaceId, workspaceId), where, afterCursorDesc(filter.after, listOrderAt, conv.id)))
    .orderBy(desc(listOrderAt), desc(conv.id))
    .limit(filter.limit + 1);
}

export async function findConversationDetail(db: Db, workspaceId: string, id: string) {
  const ct = schema.contacts;
  const cp = schema.campaigns;
  const i = schema.integrations;
  const [row] = await db
    .select({
      id: conv.id,
      channel: conv.channel,
      state: conv.state,
      agentUserId: conv.agentUserId,
      agentEmail: conv.agentEmail,
      sessionExpiresAt: conv.sessionExpiresAt,
      awaitingReplySince: conv.awaitingReplySince,
      closeProfile: conv.closeProfile,
      closedAt: conv.closedAt,
      closedBy: conv.closedBy,
      createdAt: conv.createdAt,
      lastMessageAt: conv.lastMessageAt,
      contactId: ct.id,
      mobileNumber: ct.mobileNumber,
      firstName: ct.firstName,
      lastName: ct.lastName,
      integrationId: i.id,
      integrationLabel: i.label,
      vendor: i.vendor,
      campaignId: cp.id,
      campaignName: cp.name,
      serviceLevelMinutes: cp.serviceLevelMinutes,
    })
    .from(conv)
    .innerJoin(ct, eq(ct.id, conv.contactId))
    .innerJoin(i, eq(i.id, conv.integrationId))
    .leftJoin(cp, eq(cp.id, conv.campaignId))
    .where(and(eq(conv.id, id), eq(conv.workspaceId, workspaceId)));
  return row ?? null;
}

/** Approved WhatsApp templates of the conversation's integration, for replies outside the window. */
export function findReplyTemplates(db: Db, integrationId: string) {
  const t = schema.templates;
  return db
    .select({ id: t.id, name: t.name, language: t.language, body: t.body, placeholderCount: t.placeholderCount })
    .from(t)
    .where(and(eq(t.integrationId, integrationId), eq(t.status, "APPROVED")))
    .orderBy(t.name, t.language);
}

/** What sending a reply needs: the integration's settings, the customer's number, a sender. */
export async function findReplyTarget(db: Db, conversationId: string) {
  const i = schema.integrations;
  const ct = schema.contacts;
  const [row] = await db
    .select({
      integrationId: i.id,
      vendor: i.vendor,
      label: i.label,
      config: i.config,
      secrets: i.secrets,
      sandbox: i.sandbox,
      status: i.status,
      mobileNumber: ct.mobileNumber,
      campaignSenderId: schema.campaigns.senderId,
    })
    .from(conv)
    .innerJoin(i, eq(i.id, conv.integrationId))
    .innerJoin(ct, eq(ct.id, conv.contactId))
    .leftJoin(schema.campaigns, eq(schema.campaigns.id, conv.campaignId))
    .where(eq(conv.id, conversationId));
  if (!row) return null;
  // The reply goes from the number the customer last wrote to, else from the campaign's sender,
  // else from the first active one; numbers compared by digits (a Wavy DID has no "+").
  const sn = schema.senders;
  const im = schema.inboundMessages;
  const cm = schema.conversationMessages;
  const lastWroteTo = db
    .select({ to: im.toNumber })
    .from(cm)
    .innerJoin(im, eq(im.id, cm.inboundMessageId))
    .where(eq(cm.conversationId, conversationId))
    .orderBy(desc(im.receivedAt))
    .limit(1);
  const digits = (number: unknown) => sql`regexp_replace(${number}, '\D', '', 'g')`;
  const [sender] = await db
    .select({ externalId: sn.externalId })
    .from(sn)
    .where(and(eq(sn.integrationId, row.integrationId), eq(sn.active, true)))
    .orderBy(
      sql`${digits(sn.phoneNumber)} = ${digits(lastWroteTo)} desc nulls last`,
      sql`${sn.id} = ${row.campaignSenderId} desc nulls last`,
      sn.name,
    )
    .limit(1);
  return { ...row, senderExternalId: sender?.externalId ?? null };
}

export async function findTemplateForReply(db: Db, integrationId: string, templateId: string) {
  const t = schema.templates;
  const [row] = await db
    .select({
      id: t.id,
      name: t.name,
      language: t.language,
      body: t.body,
      placeholderCount: t.placeholderCount,
      status: t.status,
    })
    .from(t)
    .where(and(eq(t.id, templateId), eq(t.integrationId, integrationId)));
  return row ?? null;
}

/**
 * A campaign's conversations and their first responses: how long from the first customer
 * message to the first reply (seconds; median over those answered), how many were answered
 * within the campaign's service level, and how many waited past it unanswered.
 */
export async function findCampaignResponseTimes(db: Db, workspaceId: string, campaignId: string, now: Date) {
  const cm = schema.conversationMessages;
  const cp = schema.campaigns;
  const firstIn = sql`(select min(${cm.sentAt}) from ${cm} where ${cm.conversationId} = ${conv.id} and ${cm.direction} = 'inbound')`;
  const firstOut = sql`(select min(${cm.sentAt}) from ${cm} where ${cm.conversationId} = ${conv.id} and ${cm.direction} = 'outbound')`;
  const firsts = db
    .select({
      waitSeconds: sql<number>`extract(epoch from ${firstOut} - ${firstIn})`.as("wait_seconds"),
      firstIn: sql<Date>`${firstIn}`.as("first_in"),
      answered: sql<boolean>`${firstOut} is not null`.as("answered"),
      serviceLevel: sql<number | null>`${cp.serviceLevelMinutes}`.as("service_level"),
    })
    .from(conv)
    .innerJoin(cp, eq(cp.id, conv.campaignId))
    .where(and(eq(conv.workspaceId, workspaceId), eq(conv.campaignId, campaignId)))
    .as("firsts");
  const [row] = await db
    .select({
      conversations: sql<number>`count(*)`.mapWith(Number),
      answered: sql<number>`count(*) filter (where ${firsts.answered})`.mapWith(Number),
      medianSeconds: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${firsts.waitSeconds}) filter (where ${firsts.answered})`.mapWith(
        (v) => (v === null ? null : Number(v)),
      ),
      withinServiceLevel:
        sql<number>`count(*) filter (where ${firsts.answered} and ${firsts.waitSeconds} <= ${firsts.serviceLevel} * 60)`.mapWith(
          Number,
        ),
      overdueUnanswered:
        sql<number>`count(*) filter (where not ${firsts.answered} and ${firsts.firstIn} + make_interval(mins => ${firsts.serviceLevel}) < ${now.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
    })
    .from(firsts);
  return row ?? { conversations: 0, answered: 0, medianSeconds: null, withinServiceLevel: 0, overdueUnanswered: 0 };
}
