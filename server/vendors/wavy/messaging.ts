import type { z } from "zod";
import type { MessagingAdapter } from "../types";
import type { WavyClient } from "./client";
import type { wavySettings } from "./settings";
import { parseWavyWebhook } from "./webhook";

export const wavyMessaging: MessagingAdapter<WavyClient, z.output<typeof wavySettings>> = {
  parseWebhook: parseWavyWebhook,
  // The integration is one number: Wavy sends from the account's own.
  async send(client, { to, correlationId, content }) {
    if (content.kind === "text") return client.sendText({ destination: to, correlationId, text: content.text });
    const [sent] = await client.sendHsm({
      destinations: [{ destination: to, correlationId }],
      elementName: content.name,
      languageCode: content.language,
      parameters: content.parameters,
    });
    return sent?.id ?? null;
  },
  // uContact's provider "SMS RegExp" (the seed enters "." to accept every number): a destination
  // the expression finds no match in, written with or without its leading +, is not sent to.
  screen(_client, settings, to) {
    const pattern = new RegExp(settings.smsRegExp);
    if (pattern.test(to) || pattern.test(to.replace(/^\+/, ""))) return Promise.resolve(null);
    return Promise.resolve({
      reason: "number_not_allowed",
      detail: `The number does not match the integration's SMS RegExp (${settings.smsRegExp})`,
    });
  },
};
