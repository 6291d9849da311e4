import type { ConversationFilter } from "@/server/domains/conversation/schema";

export const filterLabels: Record<ConversationFilter, string> = {
  open: "Open",
  mine: "Mine",
  waiting: "Waiting",
  overdue: "Overdue",
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

export const conversationsPaging = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };
export const conversationsPageSize = 50;

/** How far a reply got, as the vendor's reports say ("queued": handed to the vendor just now). */
export const replyStatusLabels = {
  queued: "Sending…",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  failed: "Failed",
  skipped: "Not sent",
} as const;
