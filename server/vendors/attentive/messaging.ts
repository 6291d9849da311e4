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
  // Attentive asks callers to check eligibility before texting (§2 of docs/vendors/attentive.md,
  // [doc]); a number Attentive does not know (404, [obs]) has no subscription, so is skipped too.
  async screen(client, _settings, to) {
    const subscriptions = await client.getEligibility({ phone: to });
    if (subscriptions.some((s) => s.channel === "TEXT" && s.isEligible)) return null;
    return {
      reason: "not_eligible",
      detail:
        subscriptions.length === 0
          ? "Attentive has no text subscription for this number"
          : "Attentive says this number may not be texted (its text subscription is not eligible)",
    };
  },
};
