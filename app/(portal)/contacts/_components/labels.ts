import type { Channel, ConsentSource, ConsentState } from "@/server/domains/contact/schema";

export const channelLabels: Record<Channel, string> = { whatsapp: "WhatsApp", sms: "SMS", email: "Email" };
export const stateLabels: Record<ConsentState, string> = { opt_in: "Opted in", opt_out: "Opted out" };
export const sourceLabels: Record<ConsentSource, string> = {
  import: "Import",
  form: "Form",
  keyword: "Keyword",
  vendor_unsubscribe: "Vendor unsubscribe",
  admin: "Admin",
  api: "API",
};

export const displayName = (c: { firstName: string | null; lastName: string | null }) =>
  [c.firstName, c.lastName].filter(Boolean).join(" ");

/** What a contact's page is headed with: the name, else the address or number it is reached at. */
export const contactName = (c: {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  mobileNumber: string | null;
}) => displayName(c) || c.email || c.mobileNumber || "Unnamed contact";
