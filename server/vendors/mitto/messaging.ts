import type { z } from "zod";
import { DomainError } from "../../lib/errors";
import type { MessagingAdapter } from "../types";
import type { MittoClient } from "./client";
import type { mittoSettings } from "./settings";
import { parseMittoWebhook } from "./webhook";

export const mittoMessaging: MessagingAdapter<MittoClient, z.output<typeof mittoSettings>> = {
  parseWebhook: parseMittoWebhook,
  async send(client, { from, to, content }) {
    // The adapter sends templates only: Mitto's free-form WhatsApp send is not built yet.
    if (content.kind === "text")
      throw new DomainError("BAD_REQUEST", "Free-form replies through Mitto are not available yet: send a template");
    if (!from)
      throw new DomainError(
        "BAD_REQUEST",
        "The Mitto integration has no WhatsApp number: test the connection in Integrations to find it",
      );
    const { messageId } = await client.sendTemplate({
      trafficAccountId: from,
      to,
      templateName: content.name,
      language: content.language,
      parameters: content.parameters,
    });
    return messageId;
  },
};
