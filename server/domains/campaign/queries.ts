import { and, asc, count, desc, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { afterCursorDesc, type Cursor } from "../../lib/keyset";
import { rowsOf } from "../../lib/raw-rows";
import type { Recipient } from "./recipient";

const c = schema.campaigns;
const m = schema.messages;

export const campaignColumns = {
  id: c.id,
  workspaceId: c.workspaceId,
  name: c.name,
  channel: c.channel,
  integrationId: c.integrationId,
  senderId: c.senderId,
  optInField: c.optInField,
  templateId: c.templateId,
  placeholderMappings: c.placeholderMappings,
  smsBody: c.smsBody,
  trigger: c.trigger,
  segmentId: c.segmentId,
  schedule: c.schedule,
  statusField: c.statusField,
  statusTimeoutMinutes: c.statusTimeoutMinutes,
  status: c.status,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  launchedAt: c.launchedAt,
};
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export async function findCampaign(db: Db | Tx, workspaceId: string, id: string) {
  const [row] = await db
    .select(campaignColumns)
    .from(c)
    .where(and(eq(c.id, id), eq(c.workspaceId, workspaceId)));
  return row ?? null;
}

/** For background work, which knows only the campaign id. */
export async function findCampaignById(db: Db | Tx, id: string) {
  const [row] = await db.select(campaignColumns).from(c).where(eq(c.id, id));
  return row ?? null;
}

export function findCampaignsPage(db: Db, workspaceId: string, cursor: Cursor | null, limit: number) {
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
    .where(and(eq(c.workspaceId, workspaceId), afterCursorDesc(cursor, c.createdAt, c.id)))
    .orderBy(desc(c.createdAt), desc(c.id))
    .limit(limit + 1);
}

export async function insertCampaign(tx: Tx, values: typeof c.$inferInsert) {
  const [row] = await tx.insert(c).values(values).returning({ id: c.id });
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateCampaignRow(tx: Tx, id: string, set: Partial<typeof c.$inferInsert>) {
  await tx
    .update(c)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(c.id, id));
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

/** Approved templates still at the vendor: what a dialer line may name by its code. */
export function findSendableTemplates(db: Db | Tx, integrationId: string) {
  const t = schema.templates;
  return db
    .select({ id: t.id, name: t.name, language: t.language, body: t.body })
    .from(t)
    .where(and(eq(t.integrationId, integrationId), eq(t.status, "APPROVED"), isNull(t.missingSince)));
}

/** The workspace's contacts with these numbers, by number. */
export async function findContactIdsByMobile(db: Db | Tx, workspaceId: string, numbers: string[]) {
  const ids = new Map<string, string>();
  const ct = schema.contacts;
  // Bounded batches: one query per 5,000 numbers keeps far below PostgreSQL's parameter limit.
  for (let i = 0; i < numbers.length; i += 5_000) {
    const rows = await db
      .select({ id: ct.id, mobileNumber: ct.mobileNumber })
      .from(ct)
      .where(and(eq(ct.workspaceId, workspaceId), inArray(ct.mobileNumber, numbers.slice(i, i + 5_000))));
    for (const row of rows) if (row.mobileNumber) ids.set(row.mobileNumber, row.id);
  }
  return ids;
}

export async function deleteOccurrenceMessages(db: Db, campaignId: string, occurrence: string) {
  await db.delete(m).where(and(eq(m.campaignId, campaignId), eq(m.occurrence, occurrence), eq(m.status, "queued")));
}

/** One page of an occurrence's queued messages in id order, for handing to delivery. */
/** A page of a campaign's messages still to send (of one occurrence, or of all when null), by id. */
export async function findQueuedMessages(
  db: Db,
  campaignId: string,
  occurrence: string | null,
  after: string | null,
  limit: number,
) {
  return db
    .select({ id: m.id, integrationId: m.integrationId, senderId: c.senderId })
    .from(m)
    .innerJoin(c, eq(c.id, m.campaignId))
    .where(
      and(
        eq(m.campaignId, campaignId),
        occurrence === null ? undefined : eq(m.occurrence, occurrence),
        eq(m.status, "queued"),
        eq(m.attempts, 0),
        after ? gt(m.id, after) : undefined,
      ),
    )
    .orderBy(asc(m.id))
    .limit(limit);
}

/** The template a message names (a dialer line picks its own), as the vendor call needs it. */
export async function findTemplateForSend(db: Db | Tx, integrationId: string, id: string) {
  const t = schema.templates;
  const [row] = await db
    .select({ name: t.name, language: t.language })
    .from(t)
    .where(and(eq(t.integrationId, integrationId), eq(t.id, id)));
  return row ?? null;
}

const contactsT = schema.contacts;
const consentT = schema.contactConsent;
const recipientColumns = {
  id: contactsT.id,
  mobileNumber: contactsT.mobileNumber,
  firstName: contactsT.firstName,
  lastName: contactsT.lastName,
  email: contactsT.email,
  city: contactsT.city,
  state: contactsT.state,
  postalCode: contactsT.postalCode,
  country: contactsT.country,
  attributes: contactsT.attributes,
  consent: consentT.state,
};

/** One page of an audience (a segment's condition) in contact-id order, with each contact's consent for the channel. */
export async function findRecipientsPage(
  db: Db | Tx,
  workspaceId: string,
  channel: "whatsapp" | "sms",
  where: SQL | undefined,
  after: string | null,
  limit: number,
): Promise<Recipient[]> {
  return db
    .select(recipientColumns)
    .from(contactsT)
    .leftJoin(consentT, and(eq(consentT.contactId, contactsT.id), eq(consentT.channel, channel)))
    .where(and(eq(contactsT.workspaceId, workspaceId), where, after ? gt(contactsT.id, after) : undefined))
    .orderBy(asc(contactsT.id))
    .limit(limit);
}

export async function findRecipientByMobile(
  db: Db | Tx,
  workspaceId: string,
  channel: "whatsapp" | "sms",
  mobileNumber: string,
): Promise<Recipient | null> {
  const [row] = await findRecipientsPage(db, workspaceId, channel, eq(contactsT.mobileNumber, mobileNumber), null, 1);
  return row ?? null;
}

export async function findRecipient(
  db: Db | Tx,
  workspaceId: string,
  channel: "whatsapp" | "sms",
  contactId: string,
): Promise<Recipient | null> {
  const [row] = await findRecipientsPage(db, workspaceId, channel, eq(contactsT.id, contactId), null, 1);
  return row ?? null;
}

/** These contacts with their consent for the channel, by id; a deleted one is missing. */
export async function findRecipientsById(
  db: Db | Tx,
  workspaceId: string,
  channel: "whatsapp" | "sms",
  contactIds: string[],
): Promise<Map<string, Recipient>> {
  if (contactIds.length === 0) return new Map();
  const rows = await findRecipientsPage(
    db,
    workspaceId,
    channel,
    inArray(contactsT.id, contactIds),
    null,
    contactIds.length,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The contact of each of these numbers (the first by id where several share one), with its consent. */
export async function findRecipientsByMobile(
  db: Db | Tx,
  workspaceId: string,
  channel: "whatsapp" | "sms",
  numbers: string[],
): Promise<Map<string, Recipient>> {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([contactsT.mobileNumber], recipientColumns)
    .from(contactsT)
    .leftJoin(consentT, and(eq(consentT.contactId, contactsT.id), eq(consentT.channel, channel)))
    .where(and(eq(contactsT.workspaceId, workspaceId), inArray(contactsT.mobileNumber, numbers)))
    .orderBy(contactsT.mobileNumber, asc(contactsT.id));
  return new Map(rows.map((r) => [r.mobileNumber ?? "", r]));
}

/** Contacts of this page that this campaign already sent to (in one occurrence, or in any when null). */
export async function findMessagedContacts(
  db: Db | Tx,
  campaignId: string,
  occurrence: string | null,
  contactIds: string[],
) {
  if (contactIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ contactId: m.contactId })
    .from(m)
    .where(
      and(
        eq(m.campaignId, campaignId),
        occurrence ? eq(m.occurrence, occurrence) : undefined,
        inArray(m.contactId, contactIds),
        inArray(m.status, ["sent", "delivered", "read"]),
      ),
    );
  return new Set(rows.map((r) => r.contactId));
}

/**
 * Queues messages; a (campaign, contact, occurrence) or a (campaign, occurrence, external ref)
 * already there is left alone. Returns the new ids.
 */
export async function insertMessages(tx: Tx, rows: (typeof m.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(m).values(rows).onConflictDoNothing().returning({ id: m.id, status: m.status });
}

/**
 * Claims queued messages for sending: the first attempt only. A send that crashed after the
 * claim is never repeated, because none of these vendors takes an idempotency key and a
 * second attempt could deliver twice; it is reported as failed with an unknown outcome.
 */
export async function claimMessages(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .update(m)
    .set({ attempts: sql`${m.attempts} + 1`, claimedAt: new Date() })
    .where(and(inArray(m.id, ids), eq(m.status, "queued"), eq(m.attempts, 0), isNull(m.vendorMessageId)))
    .returning({
      id: m.id,
      contactId: m.contactId,
      toNumber: m.toNumber,
      externalRef: m.externalRef,
      templateId: m.templateId,
      parameters: m.parameters,
      body: m.body,
    });
}

export type MessageOutcome = {
  id: string;
  status: "sent" | "failed" | "skipped";
  vendorMessageId?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
};

/**
 * What became of claimed messages, in two statements whatever their number: the messages
 * (still queued, so nothing a report already moved is overwritten) and their history.
 */
export async function setMessageOutcomes(db: Db, outcomes: MessageOutcome[]) {
  if (outcomes.length === 0) return;
  const at = new Date();
  const values = sql.join(
    outcomes.map(
      (o) =>
        sql`(${o.id}::uuid, ${o.status}::message_status, ${o.vendorMessageId ?? null}::text, ${o.errorCode ?? null}::text, ${o.errorMessage ?? null}::text)`,
    ),
    sql`, `,
  );
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update ${m} set status = v.status, vendor_message_id = v.vendor_message_id, error_code = v.error_code, error_message = v.error_message,
        status_at = ${at.toISOString()}::timestamptz, sent_at = case when v.status <> 'skipped' then ${at.toISOString()}::timestamptz end
      from (values ${values}) as v(id, status, vendor_message_id, error_code, error_message)
      where ${m.id} = v.id and ${m.status} = 'queued'`);
    await tx.insert(schema.messageStatusEvents).values(
      outcomes.map((o) => ({
        messageId: o.id,
        status: o.status,
        errorCode: o.errorCode ?? null,
        errorMessage: o.errorMessage ?? null,
        occurredAt: at,
      })),
    );
  });
}

/** Messages handed to the vendor (or refused by it) since then: the pace the campaign achieves. */
export async function countSentSince(db: Db, campaignId: string, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(m)
    .where(and(eq(m.campaignId, campaignId), sql`${m.sentAt} >= ${since.toISOString()}`));
  return row?.n ?? 0;
}

export async function countMessagesByStatus(db: Db, campaignId: string) {
  const rows = await db
    .select({ status: m.status, n: count() })
    .from(m)
    .where(eq(m.campaignId, campaignId))
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
        eq(m.status, "sent"),
        sql`${m.vendorMessageId} is not null`,
        sql`${m.statusAt} < ${sentBefore.toISOString()}`,
      ),
    );
  return row?.n ?? 0;
}

/**
 * Up to `limit` messages of `vendor`'s integrations the vendor took before `sentBefore` with no
 * report since, not looked up since `lookedUpBefore`: marked looked up at `now`, returned with
 * their integration, so each is asked about once per interval whoever else is looking.
 */
export async function takeOverdueReports(
  db: Db,
  vendor: string,
  at: { now: Date; sentBefore: Date; lookedUpBefore: Date },
  limit: number,
) {
  const { now, sentBefore, lookedUpBefore } = at;
  const i = schema.integrations;
  const due = await rowsOf<{ id: string }>(
    db,
    sql`
      update ${m} set report_looked_up_at = ${now.toISOString()}::timestamptz where ${m.id} in (
        select ${m.id} from ${m} join ${i} on ${i.id} = ${m.integrationId}
        where ${m.status} = 'sent' and ${m.vendorMessageId} is not null and ${i.vendor} = ${vendor}
          and ${m.statusAt} < ${sentBefore.toISOString()}::timestamptz
          and (${m.reportLookedUpAt} is null or ${m.reportLookedUpAt} < ${lookedUpBefore.toISOString()}::timestamptz)
        order by ${m.statusAt} limit ${limit} for update of ${m} skip locked)
      returning ${m.id} as "id"`,
  );
  if (due.length === 0) return [];
  return db
    .select({
      vendorMessageId: m.vendorMessageId,
      integration: {
        id: i.id,
        workspaceId: i.workspaceId,
        vendor: i.vendor,
        config: i.config,
        secrets: i.secrets,
        sandbox: i.sandbox,
      },
    })
    .from(m)
    .innerJoin(i, eq(i.id, m.integrationId))
    .where(
      inArray(
        m.id,
        due.map((d) => d.id),
      ),
    );
}

/** Undoes claims whose sends the vendor refused before taking them (rate limited), so a retry may send. */
export async function releaseMessageClaims(db: Db, ids: string[]) {
  if (ids.length === 0) return;
  await db
    .update(m)
    .set({ attempts: sql`${m.attempts} - 1`, claimedAt: null })
    .where(and(inArray(m.id, ids), eq(m.status, "queued"), gt(m.attempts, 0)));
}

/**
 * Claims older than `claimedBefore` that never got an outcome: their run was interrupted
 * (a crash, a timeout, a cancel) somewhere between the claim and recording what the vendor
 * said. They become failed with the outcome unknown, never queued again: the vendor may have
 * taken them, and none of these vendors dedupes a repeated send. Returns their campaigns.
 */
export async function settleInterruptedClaims(db: Db, claimedBefore: Date, errorMessage: string) {
  return failQueuedMessages(db, and(gt(m.attempts, 0), sql`${m.claimedAt} < ${claimedBefore.toISOString()}`), {
    errorCode: "outcome_unknown",
    errorMessage,
    sentAt: sql`${m.claimedAt}`,
  });
}

/** Messages among `ids` that no run has handed to the vendor fail as not sent, with the reason. */
export async function failUnclaimedMessages(db: Db, ids: string[], errorMessage: string) {
  if (ids.length === 0) return [];
  return failQueuedMessages(db, and(inArray(m.id, ids), eq(m.attempts, 0)), {
    errorCode: "not_sent",
    errorMessage,
    sentAt: null,
  });
}

/** Still-queued messages matching `where` become failed, with their history, in one transaction; returns their campaigns. */
async function failQueuedMessages(
  db: Db,
  where: SQL | undefined,
  outcome: { errorCode: string; errorMessage: string; sentAt: SQL | null },
) {
  const { errorCode, errorMessage, sentAt } = outcome;
  return db.transaction(async (tx) => {
    const at = new Date();
    const failed = await tx
      .update(m)
      .set({ status: "failed", errorCode, errorMessage, statusAt: at, sentAt })
      .where(and(eq(m.status, "queued"), where))
      .returning({ id: m.id, campaignId: m.campaignId });
    if (failed.length > 0) {
      await tx
        .insert(schema.messageStatusEvents)
        .values(
          failed.map((f) => ({ messageId: f.id, status: "failed" as const, errorCode, errorMessage, occurredAt: at })),
        );
    }
    return [...new Set(failed.flatMap((f) => (f.campaignId ? [f.campaignId] : [])))];
  });
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
  createdAt: m.createdAt,
  firstName: contactsT.firstName,
  lastName: contactsT.lastName,
};

export function findMessagesPage(
  db: Db,
  campaignId: string,
  status: (typeof schema.messageStatusEnum.enumValues)[number] | null,
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
        status ? eq(m.status, status) : undefined,
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

// Vendors that send each channel, as check-launch expects them.
const messagingVendors = ["mitto", "wavy", "attentive"] as const;

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
        inArray(i.vendor, [...messagingVendors]),
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
          .where(and(inArray(t.integrationId, ids), eq(t.status, "APPROVED"), isNull(t.missingSince)))
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
// Scheduled sends in each recipient's time zone (run-scheduled-campaigns)

/** Scheduled campaigns waiting for their time or in the middle of a send, with their workspace's time zone. */
export function findScheduledCampaigns(db: Db) {
  const w = schema.workspaces;
  return db
    .select({
      id: c.id,
      workspaceId: c.workspaceId,
      schedule: c.schedule,
      launchedAt: c.launchedAt,
      scheduledThrough: c.scheduledThrough,
      workspaceTimeZone: w.defaultTimeZone,
    })
    .from(c)
    .innerJoin(w, eq(w.id, c.workspaceId))
    .where(and(eq(c.trigger, "scheduled"), inArray(c.status, ["scheduled", "sending"])));
}

/** The time zone names PostgreSQL knows; AT TIME ZONE raises an error on any other. */
export async function findKnownTimeZones(db: Db) {
  const rows = await rowsOf<{ name: string }>(db, sql`select name from pg_timezone_names`);
  return new Set(rows.map((r) => r.name));
}

/** The distinct time zones stored on a workspace's contacts, null among them when some have none. */
export async function findContactTimeZones(db: Db, workspaceId: string) {
  const rows = await db
    .selectDistinct({ timeZone: contactsT.timeZone })
    .from(contactsT)
    .where(eq(contactsT.workspaceId, workspaceId));
  return rows.map((r) => r.timeZone);
}

/**
 * The zones (known names only) whose clocks reached a local date and time after `after` and by
 * `now`: for each zone its latest occurrence of `first` repeated every `everyDays` days (0:
 * once), as the occurrence key 2026-03-10T09:00. `last` is true when every zone given has
 * reached that occurrence. AT TIME ZONE does the arithmetic, daylight saving included.
 */
export function findZonesReachingLocalTime(
  db: Db,
  input: { zones: string[]; first: string; everyDays: number; after: Date | null; now: Date },
) {
  const zones = sql`array[${sql.join(
    input.zones.map((z) => sql`${z}`),
    sql`, `,
  )}]::text[]`;
  const first = sql`${input.first}::timestamp`;
  const every = sql`${input.everyDays}::int`;
  const now = sql`${input.now.toISOString()}::timestamptz`;
  const after = input.after ? sql`${input.after.toISOString()}::timestamptz` : sql`'-infinity'::timestamptz`;
  return rowsOf<{ zone: string; occurrence: string; last: boolean }>(
    db,
    sql`with z(zone) as (select unnest(${zones})),
      o as (
        select z.zone, ${first} + make_interval(days => ${every} * floor(extract(epoch from ((${now} at time zone z.zone) - ${first})) / 86400 / greatest(${every}, 1))::int) as local
        from z
        where (${now} at time zone z.zone) >= ${first}
      )
      select o.zone, to_char(o.local, 'YYYY-MM-DD"T"HH24:MI') as occurrence, (select max(o.local at time zone z.zone) from z) <= ${now} as last
      from o
      where (o.local at time zone o.zone) <= ${now} and (o.local at time zone o.zone) > ${after}`,
  );
}

/**
 * Marks the campaign sending, its waves started up to `now`; false when it was paused or
 * cancelled meanwhile, or an overlapping run already moved its mark on from `previous`.
 */
export async function startScheduledWaves(db: Db, id: string, previous: Date | null, now: Date) {
  const rows = await db
    .update(c)
    .set({ status: "sending", queuedAt: null, scheduledThrough: now, updatedAt: now })
    .where(
      and(
        eq(c.id, id),
        inArray(c.status, ["scheduled", "sending"]),
        previous ? eq(c.scheduledThrough, previous) : isNull(c.scheduledThrough),
      ),
    )
    .returning({ id: c.id });
  return rows.length > 0;
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
