import type { MessagingProfile } from "../types";

export const attentiveProfile = {
  label: "Attentive",
  channel: "sms",
  // Attentive's 150 requests a second per API token (its messages API has a token of its own).
  defaultPace: 150,
  syncsTemplates: false,
  templatesByHand: false,
  // Its messages API answers with no message id and no delivery report follows (§3 of
  // docs/vendors/attentive.md): "accepted" is all it ever says of a text.
  reportsDelivery: false,
  // Attentive also signs its events, checked with the stored signing key.
  webhooks: [{ kind: "events", label: "Subscription events" }],
} as const satisfies MessagingProfile;
