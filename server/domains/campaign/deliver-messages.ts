import { RetryAfterError } from "inngest";
import type { Db } from "@/db/client";
import { VendorError } from "../../vendors/http";
import { claimMessage, findRecipient, findRecipientByMobile, findTemplateForSend, releaseClaim, setMessageOutcome } from "./queries";
import { loadCampaign, rulesOf } from "./queue-recipients";
import { eligibility, type Eligibility } from "./recipient";
import { senderFor } from "./vendor-sender";

/**
 * Sends a chunk of queued messages of one campaign. Consent is checked again right before each
 * send (someone may have texted STOP since the message was queued). A message queued from a
 * line (dialer upload, Responsys row) brought its own opt-in and values, checked when it was
 * queued; at send time only an opt-out recorded here for its number stops it. A cancelled campaign skips
 * what is left. A vendor that limits the rate did not take the message, so it is released and
 * the chunk retried after the vendor's Retry-After; any other vendor failure is final for that
 * message and recorded with the vendor's reason (a send is never repeated once it may have
 * reached the vendor: none of them takes an idempotency key).
 */
export async function deliverMessages(db: Db, campaignId: string, messageIds: string[]) {
  const { campaign, parts } = await loadCampaign(db, campaignId);
  const rules = rulesOf(campaign, parts);
  const send = campaign.status === "cancelled" ? null : senderFor(parts);
  const tally = { sent: 0, failed: 0, skipped: 0 };
  const templates = new Map<string, { name: string; language: string } | null>();
  const templateOf = async (templateId: string | null) => {
    if (!templateId || !parts.integration) return null;
    if (!templates.has(templateId)) templates.set(templateId, await findTemplateForSend(db, parts.integration.id, templateId));
    return templates.get(templateId) ?? null;
  };
  for (const id of messageIds) {
    const message = await claimMessage(db, id);
    if (!message) continue;
    if (!send) {
      await setMessageOutcome(db, id, { status: "skipped", errorCode: "cancelled", errorMessage: "The campaign was cancelled before this message was sent" });
      tally.skipped++;
      continue;
    }
    const verdict = await sendTimeVerdict(message);
    if (!verdict?.ok) {
      await setMessageOutcome(db, id, { status: "skipped", errorCode: verdict?.reason ?? "invalid_number", errorMessage: verdict?.detail ?? "The contact no longer exists" });
      tally.skipped++;
      continue;
    }
    try {
      const { vendorMessageId } = await send({ id, toNumber: message.toNumber, template: await templateOf(message.templateId), parameters: message.parameters, body: message.body });
      await setMessageOutcome(db, id, { status: "sent", vendorMessageId });
      tally.sent++;
    } catch (error) {
      if (!(error instanceof VendorError)) throw error;
      if (error.kind === "rate_limited") {
        await releaseClaim(db, id);
        throw new RetryAfterError(error.message, error.retryAfterMs ?? 30_000);
      }
      const unknown = error.kind === "timeout" || error.kind === "unavailable";
      await setMessageOutcome(db, id, {
        status: "failed",
        errorCode: error.vendorCode ?? error.kind,
        errorMessage: unknown ? `${error.message} The vendor may or may not have sent it, so it was not sent again.` : error.message,
      });
      tally.failed++;
    }
  }
  return tally;

  async function sendTimeVerdict(message: { contactId: string | null; externalRef: string | null; toNumber: string; parameters: string[]; body: string | null }): Promise<Eligibility | null> {
    const { channel, workspaceId } = campaign;
    if (channel === "email") return null;
    if (message.externalRef !== null) {
      const known = await findRecipientByMobile(db, workspaceId, channel, message.toNumber);
      return known?.consent === "opt_out" ? { ok: false, reason: "opted_out", detail: "The number opted out of this channel" } : { ok: true, parameters: message.parameters, body: message.body ?? "" };
    }
    const contact = message.contactId ? await findRecipient(db, workspaceId, channel, message.contactId) : null;
    return contact ? eligibility(rules, contact) : null;
  }
}
