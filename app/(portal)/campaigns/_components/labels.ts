import type { CampaignRow } from "@/server/domains/campaign/reads";
import { contactFields, type ContactField } from "@/server/domains/campaign/schema";

type CampaignStatus = CampaignRow["status"];
type MessageStatus = "queued" | "sent" | "delivered" | "read" | "failed" | "skipped";

export const channelLabels: Record<CampaignRow["channel"], string> = {
  whatsapp: "WhatsApp",
  sms: "SMS",
  email: "Email",
};

export const triggerLabels: Record<CampaignRow["trigger"], string> = {
  contact_activated: "When a contact is created or imported",
  scheduled: "On a schedule",
  dialer: "Dialer upload",
  responsys_app: "Responsys app",
};

export const statusLabels: Record<CampaignStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  active: "Active",
  sending: "Sending",
  paused: "Paused",
  completed: "Completed",
  cancelled: "Cancelled",
  failed: "Failed",
};

export const statusTone = (status: CampaignStatus): "success" | "danger" | "neutral" | "brand" =>
  status === "completed"
    ? "success"
    : status === "failed" || status === "cancelled"
      ? "danger"
      : status === "draft"
        ? "neutral"
        : "brand";

export const messageStatuses = [
  "queued",
  "sent",
  "delivered",
  "read",
  "failed",
  "skipped",
] as const satisfies readonly MessageStatus[];
export const messageStatusLabels: Record<MessageStatus, string> = {
  queued: "Queued",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  failed: "Failed",
  skipped: "Skipped",
};
/** The labels for a campaign's vendor: one that reports no delivery (Attentive) only ever accepted a message. */
export const messageStatusLabelsFor = (reportsDelivery: boolean): Record<MessageStatus, string> =>
  reportsDelivery ? messageStatusLabels : { ...messageStatusLabels, sent: "Accepted" };
export const messageStatusTone = (status: MessageStatus): "success" | "danger" | "neutral" | "brand" =>
  status === "delivered" || status === "read"
    ? "success"
    : status === "failed"
      ? "danger"
      : status === "skipped"
        ? "neutral"
        : "brand";

// Responsys names the profile-list columns in capitals (FIRST_NAME); the label is what people read.
export const contactFieldLabels: Record<ContactField, string> = {
  first_name: "First name",
  last_name: "Last name",
  email: "Email",
  mobile_number: "Mobile number",
  city: "City",
  state: "State or region",
  postal_code: "Postal code",
  country: "Country",
};
export { contactFields };

/** "first_name" → First name, "attr:tier" → tier (custom attribute). */
export const fieldLabel = (field: string) =>
  field.startsWith("attr:")
    ? `${field.slice(5)} (custom attribute)`
    : (contactFieldLabels[field as ContactField] ?? field);
