import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { DomainError } from "../../lib/errors";
import { segmentWhere } from "../segment/members";
import { planWaves } from "./plan-waves";
import { findCampaign, findCampaignParts } from "./queries";
import { rulesOf } from "./queue-recipients";
import { eligibility } from "./recipient";
import { findMessagedContacts, findRecipientsPage } from "./recipient-queries";
import { exclusionReasons, type ExclusionReason } from "./schema";

// A dry run answers in the request, so it looks at the first members only and says so.
const DRY_RUN_LIMIT = 5_000;
const SAMPLE = 25;

/**
 * Who would receive what, and who is left out and why, before anything is sent. For a
 * contact-activated campaign there is no audience yet: the segment (if any) is the preview.
 */
export async function dryRunCampaign(db: Db, actor: SessionUser, id: string) {
  const campaign = await findCampaign(db, actor.workspaceId, id);
  if (!campaign) throw new DomainError("NOT_FOUND", "No such campaign in this workspace");
  if (campaign.channel === "email") throw new DomainError("BAD_REQUEST", "Email campaigns are not sent by Switchboard");
  const parts = await findCampaignParts(db, actor.workspaceId, campaign);
  if (!parts.segment)
    throw new DomainError("BAD_REQUEST", "Choose a segment to preview who would receive this campaign", "segmentId");
  const rules = rulesOf(campaign, parts);
  const where = segmentWhere(parts.segment);
  const excluded: Record<ExclusionReason, number> = {
    no_opt_in: 0,
    opted_out: 0,
    invalid_number: 0,
    missing_value: 0,
    already_messaged: 0,
  };
  const sample: {
    contactId: string;
    name: string;
    mobileNumber: string | null;
    outcome: "send" | ExclusionReason;
    detail: string;
  }[] = [];
  // Recipients who would be sent to, per stored time zone: the waves of a scheduled send.
  const byZone = new Map<string | null, number>();
  let evaluated = 0;
  let wouldSend = 0;
  let after: string | null = null;
  while (evaluated < DRY_RUN_LIMIT) {
    const page = await findRecipientsPage(
      db,
      actor.workspaceId,
      campaign.channel,
      where,
      after,
      Math.min(500, DRY_RUN_LIMIT - evaluated),
    );
    if (page.length === 0) break;
    const messaged = await findMessagedContacts(
      db,
      campaign.id,
      null,
      page.map((c) => c.id),
    );
    for (const contact of page) {
      const verdict = messaged.has(contact.id)
        ? ({ ok: false, reason: "already_messaged", detail: exclusionReasons.already_messaged } as const)
        : eligibility(rules, contact);
      if (verdict.ok) {
        wouldSend++;
        const zone = contact.timeZone ?? null;
        byZone.set(zone, (byZone.get(zone) ?? 0) + 1);
      } else excluded[verdict.reason]++;
      if (sample.length < SAMPLE) {
        const name = [contact.firstName, contact.lastName].filter(Boolean).join(" ");
        sample.push({
          contactId: contact.id,
          name,
          mobileNumber: contact.mobileNumber,
          outcome: verdict.ok ? "send" : verdict.reason,
          detail: verdict.ok ? verdict.body : verdict.detail,
        });
      }
    }
    evaluated += page.length;
    after = page[page.length - 1]?.id ?? null;
    if (page.length < 500) break;
  }
  const waves = await planWaves(db, actor.workspaceId, campaign, byZone);
  return { evaluated, truncated: evaluated >= DRY_RUN_LIMIT, wouldSend, excluded, sample, waves };
}
