import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { VendorError } from "../../vendors/http";
import type { MessageContent } from "../../vendors/types";
import { queueReplyMessage, settleReplyMessage } from "../campaign/reply-message";
import { findConsentState } from "../contact/reads";
import { channelNames } from "../contact/schema";
import { messengerFor } from "../integration/client-for";
import { recordVendorCall } from "../integration/record-vendor-call";
import {
  findConversationDetail,
  findReplyTarget,
  findTemplateForReply,
  insertConversationMessage,
  updateConversation,
} from "./queries";
import type { ReplyInput } from "./schema";
import { windowState } from "./window";

const fill = (body: string, parameters: string[]) =>
  body.replace(/\{\{(\d+)\}\}/g, (all, n: string) => parameters[Number(n) - 1] ?? all);

/**
 * An agent's reply: free text while the customer's 24-hour window is open, an
 * approved template otherwise. Recorded in the thread first, as a message claimed for sending,
 * then sent; the vendor's id is stored on it, so its delivery reports move its status like a
 * campaign message's. A sent reply ends the wait for a first response; a refused one stays in
 * the thread as failed, with the vendor's reason.
 */
export async function reply(db: Db, actor: SessionUser, input: ReplyInput) {
  const conversation = await findConversationDetail(db, actor.workspaceId, input.id);
  if (!conversation) throw new DomainError("NOT_FOUND", "No such conversation in this workspace");
  if (conversation.state === "closed")
    throw new DomainError("BAD_REQUEST", "This conversation is closed: the customer's next message opens a new one");
  const target = await findReplyTarget(db, conversation.id);
  if (!target?.mobileNumber) throw new DomainError("BAD_REQUEST", "The customer has no mobile number to reply to");
  if (target.status === "disabled")
    throw new DomainError(
      "BAD_REQUEST",
      `${conversation.integrationLabel} is disabled: enable it in Integrations to reply`,
    );

  const now = new Date();
  let outgoing: MessageContent;
  let body: string;
  let templateId: string | null = null;
  if (input.kind === "text") {
    if (!windowState(conversation, now).windowOpen)
      throw new DomainError(
        "BAD_REQUEST",
        "The 24-hour window is closed: WhatsApp only delivers a template now",
        "text",
      );
    outgoing = { kind: "text", text: input.text };
    body = input.text;
  } else {
    const template = await findTemplateForReply(db, target.integrationId, input.templateId);
    if (!template)
      throw new DomainError("NOT_FOUND", "No such template on this conversation's integration", "templateId");
    if (template.status !== "APPROVED")
      throw new DomainError("BAD_REQUEST", `${template.name} is not approved by WhatsApp yet`, "templateId");
    if (input.parameters.length !== template.placeholderCount)
      throw new DomainError(
        "BAD_REQUEST",
        `${template.name} needs ${template.placeholderCount} value(s), one per placeholder`,
        "parameters",
      );
    outgoing = { kind: "template", name: template.name, language: template.language, parameters: input.parameters };
    templateId = template.id;
    body = fill(template.body, input.parameters);
  }

  // Read last, right before the vendor call: a STOP that just arrived is honoured.
  if ((await findConsentState(db, actor.workspaceId, conversation.channel, target.mobileNumber)) === "opt_out")
    throw new DomainError(
      "BAD_REQUEST",
      `${target.mobileNumber} opted out of ${channelNames[conversation.channel]}: nothing is sent to it until the customer opts back in (a START reply, or an admin's Re-subscribe on the contact page)`,
    );
  const correlationId = crypto.randomUUID();
  const { mobileNumber } = target;
  const messageId = await db.transaction(async (tx) => {
    const id = await queueReplyMessage(tx, {
      workspaceId: actor.workspaceId,
      contactId: conversation.contactId,
      integrationId: target.integrationId,
      channel: conversation.channel,
      toNumber: mobileNumber,
      templateId,
      parameters: outgoing.kind === "template" ? outgoing.parameters : [],
      body,
    });
    await insertConversationMessage(tx, {
      id: correlationId,
      conversationId: conversation.id,
      direction: "outbound",
      messageId: id,
      authorUserId: actor.userId,
      body,
      sentAt: now,
    });
    return id;
  });
  try {
    // Through the conversation's own integration, so the customer hears from the number they wrote to.
    const vendorMessageId = await messengerFor(target)({
      from: target.senderExternalId,
      to: mobileNumber,
      correlationId,
      content: outgoing,
    });
    await settleReplyMessage(db, { id: messageId, status: "sent", vendorMessageId });
    await recordVendorCall(db, target.integrationId, "reply", true, null);
  } catch (error) {
    // A vendor's refusal, or the adapter's own before any call (a Mitto integration with no number):
    // not sent, with the reason. Anything else may have reached the vendor, so the claim stays
    // for settle-interrupted-sends to report as an unknown outcome, never resent.
    if (error instanceof VendorError) {
      await recordVendorCall(db, target.integrationId, "reply", false, error.message);
      await settleReplyMessage(db, {
        id: messageId,
        status: "failed",
        errorCode: error.vendorCode ?? error.kind,
        errorMessage: error.message,
      });
      throw new DomainError("BAD_REQUEST", `The reply was not sent: ${error.message}`);
    }
    if (error instanceof DomainError)
      await settleReplyMessage(db, { id: messageId, status: "failed", errorMessage: error.message });
    throw error;
  }
  await db.transaction(async (tx) => {
    // The agent who answers an unassigned conversation takes it.
    const agent = conversation.agentEmail ? {} : { agentUserId: actor.userId, agentEmail: actor.email };
    await updateConversation(tx, conversation.id, { awaitingReplySince: null, lastMessageAt: now, ...agent });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "conversation.reply",
      targetType: "conversation",
      targetId: conversation.id,
      details: { kind: input.kind, template: outgoing.kind === "template" ? outgoing.name : null },
    });
  });
  return { id: correlationId };
}
