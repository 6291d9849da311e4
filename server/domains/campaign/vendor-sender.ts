import { DomainError } from "../../lib/errors";
import { messagingProfileOf } from "../../vendors/profiles";
import type { MessageContent, SendRefusal } from "../../vendors/types";
import { messengerFor, screenerFor } from "../integration/client-for";
import type { CampaignParts } from "./queries";

export type OutboundMessage = {
  id: string;
  toNumber: string;
  template: { name: string; language: string } | null;
  parameters: string[];
  body: string | null;
};

/**
 * Sends one message of a campaign through its vendor: the vendor's id when it gives one, or why
 * the vendor's check of the destination refused it (nothing was sent then).
 */
export type MessageSender = (
  message: OutboundMessage,
) => Promise<{ vendorMessageId: string | null; refused?: never } | { refused: SendRefusal }>;

/**
 * The vendor call for a campaign's integration: on WhatsApp the message's approved template
 * (the campaign's, or the one a dialer line names) with its parameters, from the campaign's
 * business account; on SMS the merged text. The vendor's destination check (screenerFor) comes
 * first.
 */
export function senderFor(parts: CampaignParts): MessageSender {
  const { integration, sender } = parts;
  if (!integration) throw new Error("campaign has no integration");
  const send = messengerFor(integration);
  const screen = screenerFor(integration);
  const whatsapp = messagingProfileOf(integration.vendor)?.channel === "whatsapp";
  const contentOf = (m: OutboundMessage): MessageContent => {
    if (!whatsapp) return { kind: "text", text: m.body ?? "" };
    if (!m.template) throw new DomainError("BAD_REQUEST", "WhatsApp message without template");
    return { kind: "template", name: m.template.name, language: m.template.language, parameters: m.parameters };
  };
  return async (m) => {
    const refused = await screen(m.toNumber);
    if (refused) return { refused };
    return {
      vendorMessageId: await send({
        from: sender?.externalId ?? null,
        to: m.toNumber,
        correlationId: m.id,
        content: contentOf(m),
      }),
    };
  };
}
