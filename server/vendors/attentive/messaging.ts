import type { z } from "zod";
import { DomainError } from "../../lib/errors";
import type { MessagingAdapter } from "../types";
import type { AttentiveClient } from "./client";
import type { attentiveSettings } from "./settings";
import { attentiveSignatureValid, parseAttentiveWebhook } from "./webhook";

export const attentiveMessaging: MessagingAdapter<AttentiveClient, z.output<typeof attentiveSettings>> = {
  parseWebhook: parseAttentiveWebhook,
  // Without a stored signing key every event is refused.
  signatureValid: (raw, signature, settings) =>
    Boolean(settings.webhookSigningKey) && attentiveSignatureValid(raw, signature, settings.webhookSigningKey ?? ""),
  async send(client, { to, content }) {
    if (content.kind !== "text") throw new DomainError("BAD_REQUEST", "Attentive sends SMS text, not templates");
    await client.sendMessage({ to, body: content.text });
    // Its legacy messages API returns no id: the message is tracked as sent once accepted.
    return null;
  },
};
