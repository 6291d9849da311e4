import type {
  ContactField,
  CountOperator,
  FieldOperator,
  MessageStatusFilter,
  SegmentChannel,
} from "@/server/domains/segment/schema";

export const fieldLabels: Record<ContactField, string> = {
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  mobileNumber: "Mobile number",
  mobileCountry: "Mobile country",
  city: "City",
  state: "State or region",
  postalCode: "Postal code",
  country: "Country",
  createdAt: "Date created",
  modifiedAt: "Date modified",
};

export const operatorLabels: Record<FieldOperator, string> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  starts_with: "starts with",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  in: "is one of",
  before: "is before",
  after: "is after",
  within_last_days: "is in the last … days",
};

export const countOperatorLabels: Record<CountOperator, string> = {
  at_least: "is at least",
  at_most: "is at most",
  eq: "is exactly",
};

export const channelLabels: Record<SegmentChannel, string> = { whatsapp: "WhatsApp", sms: "SMS", email: "Email" };
export const consentLabels = { opt_in: "opted in", opt_out: "opted out", none: "not recorded" } as const;
export const messageStatusLabels: Record<MessageStatusFilter, string> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  failed: "failed",
};
export const kindLabels = {
  field: "Contact field",
  attribute: "Custom attribute",
  consent: "Consent",
  message: "Message history",
  activity: "Responsys activity",
} as const;

export const displayName = (c: { firstName: string | null; lastName: string | null }) =>
  [c.firstName, c.lastName].filter(Boolean).join(" ");
