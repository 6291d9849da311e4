import type { z } from "zod";
import { DomainError } from "../../lib/errors";
import type { MessagingAdapter } from "../types";
import type { MittoClient } from "./client";
import type { mittoSettings } from "./settings";
import { parseMittoWebhook } from "./webhook";

export const mittoMessaging: MessagingAdapter<MittoClient, z.output<typeof mittoSettings>> = {
  parseWebhook: parseMittoWebhook,
  async send(client, { from, to, content }) {
    if (!from)
      throw new DomainError(
        "BAD_REQUEST",
        "The Mitto integration has no WhatsApp number: test the connection in Integrations to find it",
      );
    const sent =
      content.kind === "text"
        ? await client.sendText({ trafficAccountId: from, to, text: content.text })
        : await client.sendTemplate({
            trafficAccountId: from,
            to,
            templateName: content.name,
            language: content.language,
            parameters: content.parameters,
          });
    return sent.messageId;
  },
};
