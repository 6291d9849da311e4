import type { MessagingProfile } from "../types";

export const mittoProfile = {
  label: "Mitto",
  channel: "whatsapp",
  // WhatsApp's default of 80 messages a second per business number.
  defaultPace: 80,
  syncsTemplates: true,
  templatesByHand: false,
  reportsDelivery: true,
  // Mitto signs nothing (docs/vendors/mitto.md): the URLs carry the integration's secret.
  webhooks: [
    { kind: "dlr", label: "Delivery reports" },
    { kind: "inbound", label: "Inbound messages" },
  ],
} as const satisfies MessagingProfile;
