import type { z } from "zod";
import type { Db } from "@/db/client";
import type { inboundMessageReceived } from "../../jobs/events";
import { claimReceipt, receiptReceivedAt } from "../../webhooks/queries";
import { contactFromReply } from "../contact/contact-from-reply";
import { matchKeyword } from "../contact/keywords";
import { normalisePhone } from "../contact/phone";
import { findConsentState } from "../contact/reads";
import { recordConsent } from "../contact/record-consent";
import { assignCampaignAgent } from "./assign-agent";
import { findInboundTarget, insertConversationMessage, insertInboundMessage, touchConversation } from "./queries";

type Received = z.output<(typeof inboundMessageReceived)["schema"]>;

/**
 * A customer's message, as a vendor webhook delivered it: stored once, matched to the contact
 * by number, the contact's conversation opened or its 24-hour reply window extended. When the
 * whole message is an opt-out keyword (the STOP family or the workspace's own), the number's
 * consent on the channel is withdrawn with the keyword as evidence, whether or not the number
 * is a contact's (a Responsys program recipient, a dialer line): consent belongs to the number.
 * An opt-in keyword (START, UNSTOP or the workspace's own) from a number that had opted out
 * gives it back the same way; from anyone else it changes nothing: it re-subscribes, it never
 * subscribes. All in one transaction, so a retried run changes nothing twice.
 * Every reply reaches a person: a number that is nobody's contact (a dialer line, a Responsys
 * row) becomes a minimal contact marked as created from a reply, with no consent of its own,
 * and opens its conversation like any other. Only a sender whose number cannot be read opens none.
 */
export async function receiveInboundMessage(db: Db, { receiptId, integrationId, message }: Received) {
  return db.transaction(async (tx) => {
    const target = await findInboundTarget(tx, integrationId);
    if (!target) throw new Error(`integration ${integrationId} does not exist`);
    // Mitto and Wavy carry WhatsApp here; they are the vendors with inbound webhooks.
    const channel = "whatsapp" as const;
    const phone = normalisePhone(message.from);
    const from = phone.ok ? phone.e164 : message.from;
    const contact = phone.ok ? await contactFromReply(tx, target.workspaceId, from) : null;
    const contactId = contact?.id ?? null;
    const keyword = phone.ok && message.text ? matchKeyword(message.text, target.keywords) : null;
    const optedOut = keyword?.kind === "opt_out";
    const optedIn =
      keyword?.kind === "opt_in" && (await findConsentState(tx, target.workspaceId, channel, from)) === "opt_out";
    // The vendor's time, never later than when Switchboard recorded the callback: a clock ahead
    // (or a forged body) must not stretch the 24-hour reply window the conversation shows.
    const recordedAt = (await receiptReceivedAt(tx, receiptId)) ?? new Date();
    const receivedAt = new Date(Math.min(Date.parse(message.receivedAt), recordedAt.getTime()));

    const inboundId = await insertInboundMessage(tx, {
      workspaceId: target.workspaceId,
      integrationId,
      contactId,
      channel,
      vendorMessageId: message.vendorMessageId,
      fromNumber: from,
      toNumber: message.to,
      body: message.text,
      attachments: message.attachments,
      isOptOut: optedOut,
      receivedAt,
    });
    await claimReceipt(tx, receiptId);
    if (!inboundId) return { duplicate: true as const, contactId, optedOut: false, optedIn: false };

    if (keyword && (optedOut || optedIn))
      await recordConsent(tx, {
        workspaceId: target.workspaceId,
        channel,
        address: from,
        contactId,
        state: keyword.kind,
        source: "keyword",
        actorUserId: null,
        evidence: `Replied “${keyword.keyword}” via ${target.vendor}`,
        at: receivedAt,
      });
    if (!contactId) return { duplicate: false as const, contactId, optedOut, optedIn };

    const conversationId = await touchConversation(tx, {
      workspaceId: target.workspaceId,
      contactId,
      integrationId,
      channel,
      at: receivedAt,
    });
    await assignCampaignAgent(tx, { id: conversationId, integrationId, from });
    await insertConversationMessage(tx, {
      conversationId,
      direction: "inbound",
      inboundMessageId: inboundId,
      body: message.text,
      attachments: message.attachments,
      sentAt: receivedAt,
    });
    return { duplicate: false as const, contactId, optedOut, optedIn };
  });
}
