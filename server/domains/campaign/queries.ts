import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { afterCursorDesc, type Cursor } from "../../lib/keyset";
import { campaignColumns } from "./reads";
import { messagingVendors } from "../../vendors/profiles";

const c = schema.campaigns;
const m = schema.messages;
const contactsT = schema.contacts;
// Test sends are the campaign's messages to look at, not its results: no count includes them.
const notTest = sql`not ${m.isTest}`;
type CampaignStatus = (typeof schema.campaignStatusEnum.enumValues)[number];

export async function findCampaign(db: Db | Tx, workspaceId: string, id: string) {
  const [row] = await db
    .select(campaignColumns)
    .from(c)
    .where(and(eq(c.id, id), eq(c.workspaceId, workspaceId)));
  return row ?? null;
}

export function findCampaignsPage(
  db: Db,
  workspaceId: string,
  status: CampaignStatus | undefined,
  cursor: Cursor | null,
  limit: number,
) {
  return db
    .select({
      id: c.id,
      name: c.name,
      channel: c.channel,
      trigger: c.trigger,
      status: c.status,
      createdAt: c.createdAt,
      launchedAt: c.launchedAt,
    })
    .from(c)
    .where(
      and(
        eq(c.workspaceId, workspaceId),
        status ? eq(c.status, status) : undefined,
        afterCursorDesc(cursor, c.createdAt, c.id),
      ),
    )
    .orderBy(desc(c.createdAt), desc(c.id))
    .limit(limit + 1);
}

/** What the launch check needs to know about the pieces a campaign points at. */
export async function findCampaignParts(
  db: Db | Tx,
  workspaceId: string,
  ids: { integrationId: string | null; senderId: string | null; templateId: string | null; segmentId: string | null },
) {
  const i = schema.integrations;
  const s = schema.senders;
  const t = schema.templates;
  const g = schema.segments;
  const [integration] = ids.integrationId
    ? await db
        .select({
          id: i.id,
          vendor: i.vendor,
          label: i.label,
          status: i.status,
          uninstalledAt: i.uninstalledAt,
          sandbox: i.sandbox,
          config: i.config,
          secrets: i.secrets,
        })
        .from(i)
        .where(and(eq(i.id, ids.integrationId), eq(i.workspaceId, workspaceId)))
    : [];
  const [sender] = ids.senderId
    ? await db
        .select({
          id: s.id,
          integrationId: s.integrationId,
          externalId: s.externalId,
          name: s.name,
          active: s.active,
          messagesPerSecond: s.messagesPerSecond,
        })
        .from(s)
        .where(eq(s.id, ids.senderId))
    : [];
  const [template] = ids.templateId
    ? await db
        .select({
          id: t.id,
          integrationId: t.integrationId,
          name: t.name,
          language: t.language,
          status: t.status,
          body: t.body,
          placeholderCount: t.placeholderCount,
          sampleValues: t.sampleValues,
          missingSince: t.missingSince,
          retiredAt: t.retiredAt,
          editedAt: t.editedAt,
        })
        .from(t)
        .where(eq(t.id, ids.templateId))
    : [];
  const [segment] = ids.segmentId
    ? await db
        .select({ id: g.id, name: g.name, kind: g.kind, definition: g.definition })
        .from(g)
        .where(and(eq(g.id, ids.segmentId), eq(g.workspaceId, workspaceId)))
    : [];
  return {
    integration: integration ?? null,
    sender: sender ?? null,
    template: template ?? null,
    segment: segment ?? null,
  };
}
export type CampaignParts = Awaited<ReturnType<typeof findCampaignParts>>;

/** Approved templates still at the vendor and not retired: what a dialer line may name by its code. */
export function findSendableTemplates(db: Db | Tx, integrationId: string) {
  const t = schema.templates;
  return db
    .select({ id: t.id, name: t.name, language: t.language, body: t.body })
    .from(t)
    .where(
      and(eq(t.integrationId, integrationId), eq(t.status, "APPROVED"), isNull(t.missingSince), isNull(t.retiredAt)),
    );
}

export async function deleteOccurrenceMessages(db: Db, campaignId: string, occurrence: string) {
  await db.delete(m).where(and(eq(m.campaignId, campaignId), eq(m.occurrence, occurrence), eq(m.status, "queued")));
}

/** Messages handed to the vendor (or refused by it) since then: the pace the campaign achieves. */
export async function countSentSince(db: Db, campaignId: string, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(m)
    .where(and(eq(m.campaignId, campaignId), notTest, sql`${m.sentAt} >= ${since.toISOString()}`));
  return row?.n ?? 0;
}

/**
 * The workspace's campaigns sending now, each with its messages to send (all but skipped ones),
 * those still queued, those handed over since `since`, and what its pace depends on: one
 * aggregate over messages_campaign_idx.
 */
export function findSendingProgress(db: Db, workspaceId: string, since: Date) {
  const s = schema.senders;
  const i = schema.integrations;
  return db
    .select({
      id: c.id,
      name: c.name,
      channel: c.channel,
      launchedAt: c.launchedAt,
      senderPace: s.messagesPerSecond,
      vendor: i.vendor,
      toSend: sql<number>`count(${m.id}) filter (where ${m.status} <> 'skipped')`.mapWith(Number),
      pending: sql<number>`count(${m.id}) filter (where ${m.status} = 'queued')`.mapWith(Number),
      recentlySent: sql<number>`count(${m.id}) filter (where ${m.sentAt} >= ${since.toISOString()})`.mapWith(Number),
    })
    .from(c)
    .leftJoin(s, eq(s.id, c.senderId))
    .leftJoin(i, eq(i.id, c.integrationId))
    .leftJoin(m, and(eq(m.campaignId, c.id), notTest))
    .where(and(eq(c.workspaceId, workspaceId), eq(c.status, "sending")))
    .groupBy(c.id, s.messagesPerSecond, i.vendor)
    .orderBy(asc(c.launchedAt), asc(c.id));
}

/**
 * The workspace's messages handed to vendors since the start of `firstDay` ("YYYY-MM-DD") in
 * `timeZone`, per day there, with how many of them were delivered, read and failed by now:
 * read through messages_workspace_sent_idx.
 */
export function countSendsByDay(db: Db, workspaceId: string, timeZone: string, firstDay: string) {
  const day = sql<string>`to_char(${m.sentAt} at time zone ${timeZone}, 'YYYY-MM-DD')`;
  return (
    db
      .select({
        day,
        sent: count(),
        delivered: sql<number>`count(*) filter (where ${m.status} in ('delivered', 'read'))`.mapWith(Number),
        read: sql<number>`count(*) filter (where ${m.status} = 'read')`.mapWith(Number),
        failed: sql<number>`count(*) filter (where ${m.status} = 'failed')`.mapWith(Number),
      })
      .from(m)
      .where(
        and(
          eq(m.workspaceId, workspaceId),
          notTest,
          sql`${m.sentAt} >= ${firstDay}::timestamp at time zone ${timeZone}`,
        ),
      )
      // By position: the day expression's time zone is a parameter, and two parameters never match.
      .groupBy(sql`1`)
  );
}

export async function countMessagesByStatus(db: Db, campaignId: string) {
  const rows = await db
    .select({ status: m.status, n: count() })
    .from(m)
    .where(and(eq(m.campaignId, campaignId), notTest))
    .groupBy(m.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<
    Record<(typeof schema.messageStatusEnum.enumValues)[number], number>
  >;
}

/**
 * Messages the vendor took before `sentBefore` that still have no delivery report. Only those
 * with a vendor id: a vendor that gives none (Attentive's legacy send) never reports.
 */
export async function countOverdueReports(db: Db, campaignId: string, sentBefore: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(m)
    .where(
      and(
        eq(m.campaignId, campaignId),
        notTest,
        eq(m.status, "sent"),
        sql`${m.vendorMessageId} is not null`,
        sql`${m.statusAt} < ${sentBefore.toISOString()}`,
      ),
    );
  return row?.n ?? 0;
}

const messageRowColumns = {
  id: m.id,
  contactId: m.contactId,
  toNumber: m.toNumber,
  occurrence: m.occurrence,
  status: m.status,
  statusAt: m.statusAt,
  errorCode: m.errorCode,
  errorMessage: m.errorMessage,
  vendorMessageId: m.vendorMessageId,
  isTest: m.isTest,
  createdAt: m.createdAt,
  firstName: contactsT.firstName,
  lastName: contactsT.lastName,
};

/** A page of the campaign's messages, newest first; test sends only when `tests` (the recipients table shows them, marked). */
export function findMessagesPage(
  db: Db,
  campaignId: string,
  filter: { status: (typeof schema.messageStatusEnum.enumValues)[number] | null; tests: boolean },
  cursor: Cursor | null,
  limit: number,
) {
  return db
    .select(messageRowColumns)
    .from(m)
    .leftJoin(contactsT, eq(contactsT.id, m.contactId))
    .where(
      and(
        eq(m.campaignId, campaignId),
        filter.status ? eq(m.status, filter.status) : undefined,
        filter.tests ? undefined : notTest,
        afterCursorDesc(cursor, m.createdAt, m.id),
      ),
    )
    .orderBy(desc(m.createdAt), desc(m.id))
    .limit(limit + 1);
}

export function findStatusHistory(db: Db, messageIds: string[]) {
  if (messageIds.length === 0) return Promise.resolve([]);
  const e = schema.messageStatusEvents;
  return db
    .select({
      messageId: e.messageId,
      status: e.status,
      vendorStatus: e.vendorStatus,
      errorMessage: e.errorMessage,
      occurredAt: e.occurredAt,
    })
    .from(e)
    .where(inArray(e.messageId, messageIds))
    .orderBy(asc(e.occurredAt), asc(e.receivedAt));
}

/**
 * What the campaign builder offers, without any integration settings or secrets: active messaging
 * integrations with their active senders, approved templates still at the vendor, segments, and
 * the custom attribute keys in use.
 */
export async function findCampaignOptions(db: Db, workspaceId: string) {
  const i = schema.integrations;
  const s = schema.senders;
  const t = schema.templates;
  const g = schema.segments;
  const integrations = await db
    .select({ id: i.id, label: i.label, vendor: i.vendor })
    .from(i)
    .where(
      and(
        eq(i.workspaceId, workspaceId),
        eq(i.status, "active"),
        isNull(i.uninstalledAt),
        inArray(i.vendor, messagingVendors),
      ),
    )
    .orderBy(asc(i.label), asc(i.id));
  const ids = integrations.map((r) => r.id);
  const [senders, templates, segments, attributeKeys, [workspace]] = await Promise.all([
    ids.length === 0
      ? []
      : db
          .select({ id: s.id, integrationId: s.integrationId, name: s.name, phoneNumber: s.phoneNumber })
          .from(s)
          .where(and(inArray(s.integrationId, ids), eq(s.active, true)))
          .orderBy(asc(s.name), asc(s.id)),
    ids.length === 0
      ? []
      : db
          .select({
            id: t.id,
            integrationId: t.integrationId,
            name: t.name,
            language: t.language,
            body: t.body,
            placeholderCount: t.placeholderCount,
          })
          .from(t)
          .where(
            and(inArray(t.integrationId, ids), eq(t.status, "APPROVED"), isNull(t.missingSince), isNull(t.retiredAt)),
          )
          .orderBy(asc(t.name), asc(t.language), asc(t.id)),
    db
      .select({ id: g.id, name: g.name, lastCount: g.lastCount })
      .from(g)
      .where(eq(g.workspaceId, workspaceId))
      .orderBy(asc(g.name), asc(g.id))
      .limit(500),
    findAttributeKeys(db, workspaceId),
    db
      .select({ timeZone: schema.workspaces.defaultTimeZone })
      .from(schema.workspaces)
      .where(eq(schema.workspaces.id, workspaceId)),
  ]);
  return { integrations, senders, templates, segments, attributeKeys, timeZone: workspace?.timeZone ?? "UTC" };
}

// Keys are read from the newest contacts only, so the builder stays fast on a large profile
// list; a key used only by old contacts can still be typed into an SMS body as {{attr:KEY}}.
const ATTRIBUTE_SAMPLE = 5_000;
const ATTRIBUTE_KEYS_MAX = 100;

async function findAttributeKeys(db: Db, workspaceId: string) {
  const sample = db
    .select({ attributes: contactsT.attributes })
    .from(contactsT)
    .where(eq(contactsT.workspaceId, workspaceId))
    .orderBy(desc(contactsT.createdAt))
    .limit(ATTRIBUTE_SAMPLE)
    .as("sample");
  const rows = await db
    .selectDistinct({ key: sql<string>`jsonb_object_keys(${sample.attributes})`.as("key") })
    .from(sample)
    .orderBy(sql`key`)
    .limit(ATTRIBUTE_KEYS_MAX);
  return rows.map((r) => r.key);
}

// ---------------------------------------------------------------------------------------
// Last message status to Responsys (push-statuses-to-responsys)

/** What a status merge needs of each contact: its match keys and the fields written. */
export function findStatusContacts(db: Db, contactIds: string[]) {
  if (contactIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: contactsT.id,
      workspaceId: contactsT.workspaceId,
      mobileNumber: contactsT.mobileNumber,
      email: contactsT.email,
      lastMessageStatus: contactsT.lastMessageStatus,
      attributes: contactsT.attributes,
    })
    .from(contactsT)
    .where(inArray(contactsT.id, contactIds));
}

/** Connected, enabled Responsys integrations of these workspaces. */
export function findResponsysIntegrations(db: Db, workspaceIds: string[]) {
  if (workspaceIds.length === 0) return Promise.resolve([]);
  const i = schema.integrations;
  return db
    .select({ id: i.id, workspaceId: i.workspaceId, sandbox: i.sandbox, config: i.config, secrets: i.secrets })
    .from(i)
    .where(
      and(
        inArray(i.workspaceId, workspaceIds),
        eq(i.vendor, "responsys"),
        eq(i.status, "active"),
        isNull(i.uninstalledAt),
      ),
    )
    .orderBy(asc(i.createdAt));
}

// ---- Members: the agents replies to a campaign are assigned to ----

const cm = schema.campaignMembers;
const u = schema.users;

/** The campaign's members, by name, and the workspace's enabled users who could be added. */
export async function findMembersAndAgents(db: Db, workspaceId: string, campaignId: string) {
  const [members, agents] = await Promise.all([
    db
      .select({ userId: u.id, name: u.name, email: u.email, disabled: sql<boolean>`${u.disabledAt} is not null` })
      .from(cm)
      .innerJoin(u, eq(u.id, cm.userId))
      .where(eq(cm.campaignId, campaignId))
      .orderBy(u.name, u.id),
    db
      .select({ userId: u.id, name: u.name, email: u.email })
      .from(u)
      .where(and(eq(u.workspaceId, workspaceId), isNull(u.disabledAt)))
      .orderBy(u.name, u.id),
  ]);
  return { members, agents };
}

/** An enabled user of this workspace, or null. */
export async function findWorkspaceAgent(tx: Tx, workspaceId: string, userId: string) {
  const [row] = await tx
    .select({ id: u.id, email: u.email })
    .from(u)
    .where(and(eq(u.id, userId), eq(u.workspaceId, workspaceId), isNull(u.disabledAt)));
  return row ?? null;
}

/** Adds a member; false when it already was one. */
export async function insertMember(tx: Tx, campaignId: string, userId: string) {
  const rows = await tx.insert(cm).values({ campaignId, userId }).onConflictDoNothing().returning({ id: cm.userId });
  return rows.length > 0;
}

/** Removes a member; false when it was none. */
export async function deleteMember(tx: Tx, campaignId: string, userId: string) {
  const rows = await tx
    .delete(cm)
    .where(and(eq(cm.campaignId, campaignId), eq(cm.userId, userId)))
    .returning({ id: cm.userId });
  return rows.length > 0;
}

/** The enabled members in turn order (by user id, which never changes). */
export function findActiveMembers(tx: Tx, campaignId: string) {
  return tx
    .select({ userId: u.id, email: u.email })
    .from(cm)
    .innerJoin(u, eq(u.id, cm.userId))
    .where(and(eq(cm.campaignId, campaignId), isNull(u.disabledAt)))
    .orderBy(u.id);
}

/**
 * Takes the campaign's next reply turn: the count of replies assigned before this one. The
 * update locks the campaign row until the caller's transaction ends, so replies arriving
 * together take consecutive turns.
 */
export async function takeReplyTurn(tx: Tx, campaignId: string) {
  const [row] = await tx
    .update(c)
    .set({ replyAssignments: sql`${c.replyAssignments} + 1` })
    .where(eq(c.id, campaignId))
    .returning({ turn: sql<number>`${c.replyAssignments} - 1`.mapWith(Number) });
  return row?.turn ?? 0;
}
