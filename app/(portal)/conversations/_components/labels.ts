import type { ConversationFilter } from "@/server/domains/conversation/schema";

export const filterLabels: Record<ConversationFilter, string> = {
  open: "Open",
  mine: "Mine",
  closed: "Closed",
  all: "All",
};
export const channelLabels = { whatsapp: "WhatsApp", sms: "SMS", email: "Email" } as const;
export const syncLabels = {
  pending: "Case pending",
  running: "Sending to Salesforce",
  synced: "Case created",
  failed: "Case sync failed",
} as const;

export const customerName = (c: { firstName: string | null; lastName: string | null; mobileNumber: string | null }) =>
  [c.firstName, c.lastName].filter(Boolean).join(" ") || c.mobileNumber || "Unknown customer";

export const formatWhen = (d: Date) => d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** "in 12 min" / "8 min ago", for waiting times against the service level. */
export function relative(at: Date, now = new Date()): string {
  const minutes = Math.round((at.getTime() - now.getTime()) / 60_000);
  const abs = Math.abs(minutes);
  const text = abs < 60 ? `${abs} min` : abs < 48 * 60 ? `${Math.round(abs / 60)} h` : `${Math.round(abs / 1440)} days`;
  return minutes >= 0 ? `in ${text}` : `${text} ago`;
}

export const conversationsPaging = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };
export const conversationsPageSize = 50;
