import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { VendorError } from "../../vendors/http";
import type { MessageContent } from "../../vendors/types";
import { findConsentState } from "../contact/reads";
import { channelNames } from "../contact/schema";
import { messengerFor } from "../integration/client-for";
import {
  findConversationDetail,
  findReplyTarget,
  findTemplateForReply,
  insertConversationMessage,
  updateConversation,
} from "./queries";
import type { ReplyInput } from "./schema";

const fill = (body: string, parameters: string[]) =>
  body.replace(/\{\{(\d+)\}\}/g, (all, n: string) => parameters[Number(n) - 1] ?? all);

/**
 * An agent's reply: free text while the customer's 24-hour window is open, an
 * approved template otherwise. Sent first, then recorded in the thread, which ends the wait for
 * a first response.
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
  if (input.kind === "text") {
    const windowOpen = conversation.sessionExpiresAt !== null && conversation.sessionExpiresAt > now;
    if (!windowOpen)
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
    body = fill(template.body, input.parameters);
  }

  // Read last, right before the vendor call: a STOP that just arrived is honoured.
  if ((await findConsentState(db, actor.workspaceId, conversation.channel, target.mobileNumber)) === "opt_out")
    throw new DomainError(
      "BAD_REQUEST",
      `${target.mobileNumber} opted out of ${channelNames[conversation.channel]}: nothing is sent to it until the customer opts back in (a START reply, or an admin's Re-subscribe on the contact page)`,
    );
  const correlationId = crypto.randomUUID();
  try {
    // Through the conversation's own integration, so the customer hears from the number they wrote to.
    await messengerFor(target)({
      from: target.senderExternalId,
      to: target.mobileNumber,
      correlationId,
      content: outgoing,
    });
  } catch (error) {
    if (error instanceof VendorError) throw new DomainError("BAD_REQUEST", `The reply was not sent: ${error.message}`);
    throw error;
  }
  await db.transaction(async (tx) => {
    await insertConversationMessage(tx, {
      id: correlationId,
      conversationId: conversation.id,
      direction: "outbound",
      authorUserId: actor.userId,
      body,
      sentAt: now,
    });
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
