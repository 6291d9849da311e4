import { clientFor } from "../integration/client-for";
import type { CampaignParts } from "./queries";

export type OutboundMessage = {
  id: string;
  toNumber: string;
  template: { name: string; language: string } | null;
  parameters: string[];
  body: string | null;
};

/** Sends one message of a campaign through its vendor; the vendor's id when it gives one. */
export type MessageSender = (message: OutboundMessage) => Promise<{ vendorMessageId: string | null }>;

/**
 * The vendor call for a campaign's integration: Mitto and Wavy send the message's approved
 * template (the campaign's, or the one a dialer line names) with its parameters, Attentive the merged SMS text (its legacy messages API returns no id, so its
 * messages are tracked as sent once accepted).
 */
export function senderFor(parts: CampaignParts): MessageSender {
  const { integration, sender } = parts;
  if (!integration) throw new Error("campaign has no integration");
  switch (integration.vendor) {
    case "mitto": {
      const client = clientFor("mitto", integration);
      return async (m) => {
        if (!sender || !m.template) throw new Error("WhatsApp message without sender or template");
        const { messageId } = await client.sendTemplate({
          trafficAccountId: sender.externalId,
          to: m.toNumber,
          templateName: m.template.name,
          language: m.template.language,
          parameters: m.parameters,
        });
        return { vendorMessageId: messageId };
      };
    }
    case "wavy": {
      const client = clientFor("wavy", integration);
      return async (m) => {
        if (!m.template) throw new Error("WhatsApp message without template");
        const [sent] = await client.sendHsm({
          destinations: [{ destination: m.toNumber, correlationId: m.id }],
          elementName: m.template.name,
          languageCode: m.template.language,
          parameters: m.parameters,
        });
        return { vendorMessageId: sent?.id ?? null };
      };
    }
    case "attentive": {
      const client = clientFor("attentive", integration);
      return async (m) => {
        await client.sendMessage({ to: m.toNumber, body: m.body ?? "" });
        return { vendorMessageId: null };
      };
    }
    default:
      throw new Error(`${integration.vendor} does not send messages`);
  }
}
