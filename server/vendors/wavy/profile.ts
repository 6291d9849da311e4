import type { MessagingProfile } from "../types";

export const wavyProfile = {
  label: "Wavy",
  channel: "whatsapp",
  // WhatsApp's default of 80 messages a second per business number.
  defaultPace: 80,
  // Wavy documents no template-listing API: its templates stay as stored.
  syncsTemplates: false,
  // So admins add, edit, retire and import its HSM codes (code, language, body) themselves.
  templatesByHand: true,
  reportsDelivery: true,
  // Wavy signs nothing (docs/vendors/wavy.md): the URLs carry the integration's secret.
  webhooks: [
    { kind: "message", label: "New messages" },
    { kind: "status", label: "Message statuses" },
  ],
} as const satisfies MessagingProfile;
