import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import { segmentWhere } from "../segment/members";
import { insertMessages } from "./insert-messages";
import { findCampaignParts, type CampaignParts } from "./queries";
import { findCampaignById, type CampaignRow } from "./reads";
import { eligibility, type CampaignRules } from "./recipient";
import { findRecipientsPage } from "./recipient-queries";

export const QUEUE_PAGE_SIZE = 500;

export function rulesOf(campaign: CampaignRow, parts: CampaignParts): CampaignRules {
  return {
    optInField: campaign.optInField,
    placeholderMappings: campaign.placeholderMappings,
    templateBody: campaign.channel === "whatsapp" ? (parts.template?.body ?? "") : null,
    smsBody: campaign.smsBody,
  };
}

export async function loadCampaign(db: Db, campaignId: string) {
  const campaign = await findCampaignById(db, campaignId);
  if (!campaign) throw new Error(`campaign ${campaignId} does not exist`);
  const parts = await findCampaignParts(db, campaign.workspaceId, campaign);
  return { campaign, parts };
}

/**
 * One page of a campaign occurrence's audience turned into message rows: queued with the exact
 * parameters, or skipped with the reason (so the recipients table shows who was left out and
 * why). The unique (campaign, contact, occurrence) makes a retried page insert nothing twice;
 * only the ids it newly queued are returned for delivery. `contactId` narrows the audience to
 * one contact (the contact-activated trigger), `zones` to the time zones a scheduled wave has
 * reached (see run-scheduled-campaigns).
 */
export async function queueRecipients(
  db: Db,
  input: {
    campaignId: string;
    occurrence: string;
    contactId: string | null;
    after: string | null;
    zones: { timeZones: string[]; unzoned: boolean } | null;
  },
) {
  const { campaign, parts } = await loadCampaign(db, input.campaignId);
  if (campaign.status === "cancelled" || campaign.channel === "email" || !parts.integration)
    return { queued: [], skipped: 0, next: null, integrationId: null, senderId: null };
  const audience = input.contactId
    ? eq(schema.contacts.id, input.contactId)
    : parts.segment
      ? segmentWhere(parts.segment)
      : null;
  if (audience === null)
    return { queued: [], skipped: 0, next: null, integrationId: parts.integration.id, senderId: campaign.senderId };
  const where = input.zones ? and(audience, inZones(input.zones)) : audience;
  const page = await findRecipientsPage(
    db,
    campaign.workspaceId,
    campaign.channel,
    where,
    input.after,
    QUEUE_PAGE_SIZE,
  );
  const rules = rulesOf(campaign, parts);
  const rows = page.map((contact) => {
    const verdict = eligibility(rules, contact);
    const base = {
      workspaceId: campaign.workspaceId,
      campaignId: campaign.id,
      contactId: contact.id,
      integrationId: parts.integration!.id,
      channel: campaign.channel,
      toNumber: contact.mobileNumber ?? "",
      occurrence: input.occurrence,
      templateId: campaign.templateId,
    };
    return verdict.ok
      ? { ...base, status: "queued" as const, parameters: verdict.parameters, body: verdict.body }
      : { ...base, status: "skipped" as const, errorCode: verdict.reason, errorMessage: verdict.detail };
  });
  const inserted = await db.transaction((tx) => insertMessages(tx, rows));
  const last = page[page.length - 1];
  return {
    queued: inserted.filter((r) => r.status === "queued").map((r) => r.id),
    skipped: inserted.filter((r) => r.status === "skipped").length,
    next: page.length === QUEUE_PAGE_SIZE && last ? last.id : null,
    integrationId: parts.integration.id,
    senderId: campaign.senderId,
  };
}

function inZones(zones: { timeZones: string[]; unzoned: boolean }) {
  const c = schema.contacts;
  return (
    or(
      zones.timeZones.length > 0 ? inArray(c.timeZone, zones.timeZones) : undefined,
      zones.unzoned ? isNull(c.timeZone) : undefined,
    ) ?? sql`false`
  );
}
