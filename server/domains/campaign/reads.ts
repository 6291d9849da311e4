/**
 * What other domains and background jobs may read of campaigns: a campaign by id (for work that
 * knows only the id), a contact as a campaign would message it, contact ids by number, and the
 * messages still waiting to be handed to delivery, and how many sent messages of an integration
 * still wait for their delivery report. Everything else stays in this domain's queries.
 */
import { and, asc, count, eq, gt, inArray, isNotNull, lt } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import type { Recipient } from "./recipient";
import { findRecipientsPage } from "./recipient-queries";

const c = schema.campaigns;
const m = schema.messages;

/** The columns of a CampaignRow; findCampaign (queries.ts) reads the same. */
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
  serviceLevelMinutes: c.serviceLevelMinutes,
  status: c.status,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  launchedAt: c.launchedAt,
};
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaignById>>>;

/** For background work, which knows only the campaign id. */
export async function findCampaignById(db: Db | Tx, id: string) {
  const [row] = await db.select(campaignColumns).from(c).where(eq(c.id, id));
  return row ?? null;
}

/** A contact with its consent for the channel, as a campaign would message it; null when it no longer exists. */
export async function findRecipient(
  db: Db | Tx,
  workspaceId: string,
  channel: "whatsapp" | "sms",
  contactId: string,
): Promise<Recipient | null> {
  const [row] = await findRecipientsPage(db, workspaceId, channel, eq(schema.contacts.id, contactId), null, 1);
  return row ?? null;
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

/**
 * Per integration, the messages it took (a vendor id) whose status is still "sent" since before
 * `before`: their delivery reports are overdue. Read through messages_awaiting_report_idx.
 */
export function countAwaitingReports(db: Db, integrationIds: string[], before: Date) {
  if (integrationIds.length === 0) return Promise.resolve([]);
  return db
    .select({ integrationId: m.integrationId, awaiting: count() })
    .from(m)
    .where(
      and(
        eq(m.status, "sent"),
        isNotNull(m.vendorMessageId),
        lt(m.statusAt, before),
        inArray(m.integrationId, integrationIds),
      ),
    )
    .groupBy(m.integrationId);
}
