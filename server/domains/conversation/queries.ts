import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { afterCursorDesc, type Cursor } from "../../lib/keyset";

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

/** The contact with this number, if any. */
export async function findContactByMobile(tx: Tx, workspaceId: string, mobileNumber: string) {
  const c = schema.contacts;
  const [row] = await tx
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), eq(c.mobileNumber, mobileNumber)));
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
  const windowEnd = new Date(values.at.getTime() + 24 * 60 * 60 * 1000);
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

/** The campaign whose message this contact is answering: the latest one sent to them through this integration. */
export async function findAnsweredCampaign(tx: Tx, contactId: string, integrationId: string) {
  const m = schema.messages;
  const [row] = await tx
    .select({ campaignId: m.campaignId })
    .from(m)
    .where(and(eq(m.contactId, contactId), eq(m.integrationId, integrationId), isNotNull(m.campaignId)))
    .orderBy(desc(m.createdAt))
    .limit(1);
  return row?.campaignId ?? null;
}

/** The campaign's member agent with the fewest open conversations (ties: the first by id). */
export async function findLeastBusyMember(tx: Tx, campaignId: string) {
  const cm = schema.campaignMembers;
  const u = schema.users;
  const open =
    sql<number>`(select count(*) from ${conv} where ${conv.agentUserId} = ${u.id} and ${conv.state} = 'open')`.mapWith(
      Number,
    );
  const [row] = await tx
    .select({ userId: u.id, email: u.email, open })
    .from(cm)
    .innerJoin(u, eq(u.id, cm.userId))
    .where(and(eq(cm.campaignId, campaignId), isNull(u.disabledAt)))
    .orderBy(open, u.id)
    .limit(1);
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

/** One page of conversations, latest message first. */
export function findConversationsPage(
  db: Db,
  workspaceId: string,
  filter: { filter: "open" | "mine" | "closed" | "all"; userId: string; after: Cursor | null; limit: number },
) {
  const ct = schema.contacts;
  const cs = schema.caseSyncs;
  const cp = schema.campaigns;
  const i = schema.integrations;
  const where = {
    open: eq(conv.state, "open"),
    closed: eq(conv.state, "closed"),
    mine: and(eq(conv.state, "open"), eq(conv.agentUserId, filter.userId)),
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
      syncStatus: cs.status,
      caseNumber: cs.caseNumber,
    })
    .from(conv)
    .innerJoin(ct, eq(ct.id, conv.contactId))
    .innerJoin(i, eq(i.id, conv.integrationId))
    .leftJoin(cp, eq(cp.id, conv.campaignId))
    .leftJoin(cs, eq(cs.conversationId, conv.id))
    .where(and(eq(conv.workspaceId, workspaceId), where, afterCursorDesc(filter.after, conv.lastMessageAt, conv.id)))
    .orderBy(desc(conv.lastMessageAt), desc(conv.id))
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
    })
    .from(conv)
    .innerJoin(i, eq(i.id, conv.integrationId))
    .innerJoin(ct, eq(ct.id, conv.contactId))
    .where(eq(conv.id, conversationId));
  if (!row) return null;
  const sn = schema.senders;
  const [sender] = await db
    .select({ externalId: sn.externalId })
    .from(sn)
    .where(and(eq(sn.integrationId, row.integrationId), eq(sn.active, true)))
    .orderBy(sn.name)
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
