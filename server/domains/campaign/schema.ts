import { z } from "zod";
import { pageInput } from "../../lib/page-input";

// Contact fields a placeholder (or the status write-back) can use, as Mitto's Responsys app
// fills each placeholder with "the field from the profile list"; custom attributes are named
// "attr:<key>".
export const contactFields = [
  "first_name",
  "last_name",
  "email",
  "mobile_number",
  "city",
  "state",
  "postal_code",
  "country",
] as const;
export type ContactField = (typeof contactFields)[number];
const fieldName = z
  .string()
  .trim()
  .refine(
    (f) => (contactFields as readonly string[]).includes(f) || /^attr:[A-Za-z0-9_ .-]{1,64}$/.test(f),
    "Choose a contact field or a custom attribute",
  );

// Where the last message status goes (in Responsys, a "Set data" step writes LAST_MESSAGE_STATUS):
// the contact's own status field, or a custom attribute.
export const LAST_MESSAGE_STATUS = "last_message_status";
const statusFieldName = z
  .string()
  .trim()
  .refine(
    (f) => f === LAST_MESSAGE_STATUS || /^attr:[A-Za-z0-9_ .-]{1,64}$/.test(f),
    "Choose Last message status or a custom attribute",
  );

export const placeholderMapping = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("field"), field: fieldName }),
  z.object({ kind: z.literal("fixed"), value: z.string().trim().min(1, "Enter the fixed value").max(500) }),
]);

// responsys_app campaigns are made by the Responsys CX app's service configuration, not here.
export const campaignTriggers = ["contact_activated", "scheduled", "dialer"] as const;
// Campaigns of the Responsys CX app (trigger responsys_app) are made and changed by the service
// configuration page a Program's Apps step opens, never by the builder.
export const APP_CAMPAIGN_REFUSAL =
  "This campaign belongs to a Responsys program: change it from the program's Apps step (Configure app) in Responsys.";
export const frequencies = ["once", "daily", "weekly"] as const;

export const campaignSchedule = z.object({
  frequency: z.enum(frequencies),
  // Empty date with "once": send as soon as it is launched.
  date: z.iso.date({ error: "Use a date such as 2026-12-01" }).nullable(),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a time such as 09:30"),
});

/** How long after a send a missing delivery report is worth pointing out on the campaign. */
export const REPORT_OVERDUE_MINUTES = 10;

// A reply should have its first response within this (seed 002's Service Level): 1 minute to a week.
export const MAX_SERVICE_LEVEL_MINUTES = 7 * 24 * 60;

// The status-timeout range bar (as in Mitto's Responsys app): 0 to 24 hours.
export const MAX_STATUS_TIMEOUT_MINUTES = 24 * 60;

/** Everything a draft may hold; any of it may still be missing. Launch checks completeness. */
export const campaignDraft = z.object({
  name: z.string().trim().min(1, "Name the campaign").max(120, "Keep the name under 120 characters"),
  channel: z.enum(["whatsapp", "sms"]),
  integrationId: z.uuid().nullable(),
  senderId: z.uuid().nullable(),
  optInField: z.string().trim().max(64).nullable(),
  templateId: z.uuid().nullable(),
  placeholderMappings: z.array(placeholderMapping).max(20),
  smsBody: z.string().max(1600, "An SMS body is at most 1,600 characters").nullable(),
  trigger: z.enum(campaignTriggers),
  segmentId: z.uuid().nullable(),
  schedule: campaignSchedule.nullable(),
  statusField: statusFieldName.nullable(),
  statusTimeoutMinutes: z
    .number()
    .int()
    .min(0, "The timeout is 0 to 24 hours")
    .max(MAX_STATUS_TIMEOUT_MINUTES, "The timeout is 0 to 24 hours"),
  // Empty: replies to the campaign have no target first-response time.
  serviceLevelMinutes: z
    .number({ error: "Enter the minutes to a first response" })
    .int("Use whole minutes")
    .min(1, "The service level is 1 minute to 7 days")
    .max(MAX_SERVICE_LEVEL_MINUTES, "The service level is 1 minute to 7 days")
    .nullable()
    .default(null),
});
export type CampaignDraft = z.infer<typeof campaignDraft>;

// A new draft: everything but its name and channel starts empty, the builder fills it in, and
// launch says what is missing.
export const BLANK_CAMPAIGN_DRAFT: Omit<CampaignDraft, "name" | "channel"> = {
  integrationId: null,
  senderId: null,
  optInField: null,
  templateId: null,
  placeholderMappings: [],
  smsBody: null,
  trigger: "scheduled",
  segmentId: null,
  schedule: { frequency: "once", date: null, time: "09:00" },
  statusField: LAST_MESSAGE_STATUS,
  statusTimeoutMinutes: 60,
  serviceLevelMinutes: null,
};

export const createCampaignInput = campaignDraft;
export const updateCampaignInput = z.object({ id: z.uuid(), data: campaignDraft });
export const campaignIdInput = z.object({ id: z.uuid() });
export const campaignStatuses = [
  "draft",
  "scheduled",
  "active",
  "sending",
  "paused",
  "completed",
  "cancelled",
  "failed",
] as const;
// A status narrows the list (the dashboard links to the campaigns sending now).
export const listCampaignsInput = pageInput.extend({ status: z.enum(campaignStatuses).optional() });
// The campaign's members: the agents (portal users of the workspace) its replies are assigned to.
export const campaignMemberInput = z.object({ id: z.uuid(), userId: z.uuid("Choose an agent") });
export const dialerUploadInput = z.object({
  id: z.uuid(),
  csv: z.string().min(1, "Choose the CSV file to upload").max(5_000_000, "Upload at most 5 MB at a time"),
});
export const testSendInput = z.object({
  id: z.uuid(),
  mobileNumber: z.string().trim().min(1, "Enter the number to send the test to"),
});
export const messagesInput = pageInput.extend({
  id: z.uuid(),
  status: z.enum(["queued", "sent", "delivered", "read", "failed", "skipped"]).nullish(),
});

/** Why a contact is left out of a send, as the dry run and the recipients table say it. */
export const exclusionReasons = {
  no_opt_in: "No opt-in",
  opted_out: "Opted out",
  invalid_number: "No valid mobile number",
  missing_value: "Missing placeholder value",
  already_messaged: "Already messaged by this campaign",
} as const;
export type ExclusionReason = keyof typeof exclusionReasons;
