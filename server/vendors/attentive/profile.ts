import type { MessagingProfile } from "../types";

export const attentiveProfile = {
  label: "Attentive",
  channel: "sms",
  // Attentive's 150 requests a second per API token (its messages API has a token of its own).
  defaultPace: 150,
  syncsTemplates: false,
  // Attentive also signs its events, checked with the stored signing key.
  webhooks: [{ kind: "events", label: "Subscription events" }],
} as const satisfies MessagingProfile;
