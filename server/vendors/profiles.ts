import { attentiveProfile } from "./attentive/profile";
import { mittoProfile } from "./mitto/profile";
import type { MessagingProfile } from "./types";
import { wavyProfile } from "./wavy/profile";

// The vendors that send messages, by what they are (plain data: the browser may import it);
// their adapters are in registry.ts.
export const messagingProfiles = {
  mitto: mittoProfile,
  wavy: wavyProfile,
  attentive: attentiveProfile,
} satisfies Record<string, MessagingProfile>;

export type MessagingVendor = keyof typeof messagingProfiles;
export const messagingVendors = Object.keys(messagingProfiles) as MessagingVendor[];
export type Channel = MessagingProfile["channel"];

export const isMessagingVendor = (vendor: string): vendor is MessagingVendor => vendor in messagingProfiles;

/** The profile of a vendor that sends messages; null for one that does not. */
export const messagingProfileOf = (vendor: string): MessagingProfile | null =>
  isMessagingVendor(vendor) ? messagingProfiles[vendor] : null;

/** The vendors that send a channel. */
export const vendorsSending = (channel: Channel): MessagingVendor[] =>
  messagingVendors.filter((v) => messagingProfiles[v].channel === channel);

// WhatsApp's default per business number, for a campaign that has no integration yet.
const WHATSAPP_DEFAULT_PACE = 80;

/** What a sender may send a second when an admin has set nothing: its vendor's default. */
export const defaultPaceOf = (vendor: string): number =>
  messagingProfileOf(vendor)?.defaultPace ?? WHATSAPP_DEFAULT_PACE;
