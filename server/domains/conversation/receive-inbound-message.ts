import type { z } from "zod";
import type { Db } from "@/db/client";
import type { inboundMessageReceived } from "../../jobs/events";
import { claimReceipt } from "../../webhooks/queries";
import { matchOptOutKeyword } from "../contact/keywords";
import { normalisePhone } from "../contact/phone";
import { recordConsent } from "../contact/record-consent";
import { assignCampaignAgent } from "./assign-agent";
import {
  findContactIdByMobile,
  findInboundTarget,
  insertConversationMessage,
  insertInboundMessage,
  touchConversation,
} from "./queries";

type Received = z.output<(typeof inboundMessageReceived)["schema"]>;

/**
 * A customer's message, as a vendor webhook delivered it: stored once, matched to the contact
 * by number, the contact's conversation opened or its 24-hour reply window extended, and,
 * when the whole message is an opt-out keyword, the channel's consent withdrawn with the
 * keyword as evidence. All in one transaction, so a retried run changes nothing twice.
 * A sender who is not a contact is kept as an unmatched inbound message: no conversation and
 * no consent, since there is nobody to attach them to.
 */
export async function receiveInboundMessage(db: Db, { receiptId, integrationId, message }: Received) {
  return db.transaction(async (tx) => {
    const target = await findInboundTarget(tx, integrationId);
    if (!target) throw new Error(`integration ${integrationId} does not exist`);
    // Mitto and Wavy carry WhatsApp here; they are the vendors with inbound webhooks.
    const channel = "whatsapp" as const;
    const phone = normalisePhone(message.from);
    const from = phone.ok ? phone.e164 : message.from;
    const contactId = phone.ok ? await findContactIdByMobile(tx, target.workspaceId, from) : null;
    const keyword = message.text ? matchOptOutKeyword(message.text, target.optOutKeywords) : null;
    const receivedAt = new Date(message.receivedAt);

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
      isOptOut: keyword !== null,
      receivedAt,
    });
    await claimReceipt(tx, receiptId);
    if (!inboundId) return { duplicate: true as const, contactId, optedOut: false };
    if (!contactId) return { duplicate: false as const, contactId, optedOut: false };

    const conversationId = await touchConversation(tx, {
      workspaceId: target.workspaceId,
      contactId,
      integrationId,
      channel,
      at: receivedAt,
    });
    await assignCampaignAgent(tx, { id: conversationId, contactId, integrationId });
    await insertConversationMessage(tx, {
      conversationId,
      direction: "inbound",
      inboundMessageId: inboundId,
      body: message.text,
      attachments: message.attachments,
      sentAt: receivedAt,
    });
    if (keyword) {
      await recordConsent(tx, {
        contactId,
        channel,
        state: "opt_out",
        source: "keyword",
        actorUserId: null,
        evidence: `Replied “${keyword}” via ${target.vendor}`,
        at: receivedAt,
      });
    }
    return { duplicate: false as const, contactId, optedOut: keyword !== null };
  });
}
