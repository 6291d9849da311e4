import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { channelEnum, contacts } from "./contacts";
import { integrations, senders } from "./integrations";
import { segments } from "./segments";
import { templates } from "./templates";
import { users, workspaces } from "./workspaces";

export const campaignStatusEnum = pgEnum("campaign_status", [
  "draft",
  "scheduled",
  "active",
  "sending",
  "paused",
  "completed",
  "cancelled",
  "failed",
]);
export const campaignTriggerEnum = pgEnum("campaign_trigger", [
  "contact_activated",
  "scheduled",
  "dialer",
  "responsys_app",
]);

export type PlaceholderMapping = { kind: "field"; field: string } | { kind: "fixed"; value: string };

export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    channel: channelEnum("channel").notNull(),
    integrationId: uuid("integration_id").references(() => integrations.id),
    senderId: uuid("sender_id").references(() => senders.id),
    // Contact field that must say yes before sending (WhatsApp insists on opt-in).
    optInField: text("opt_in_field"),
    templateId: uuid("template_id").references(() => templates.id),
    // One mapping per template placeholder, in order ({{1}} first).
    placeholderMappings: jsonb("placeholder_mappings").$type<PlaceholderMapping[]>().notNull().default([]),
    smsBody: text("sms_body"),
    trigger: campaignTriggerEnum("trigger").notNull(),
    segmentId: uuid("segment_id").references(() => segments.id),
    // { frequency: once|daily|weekly, date, time, weekday? } for scheduled campaigns.
    schedule: jsonb("schedule").$type<Record<string, unknown>>(),
    // Output parameters: contact field receiving the last status, and how long to wait for it.
    statusField: text("status_field"),
    statusTimeoutMinutes: integer("status_timeout_minutes").notNull().default(60),
    // Service level for replies: target first-response time.
    serviceLevelMinutes: integer("service_level_minutes"),
    // Replies assigned to members so far: the next reply goes to member number (this mod count),
    // members ordered by user id. Incremented in the reply's transaction, whose row lock makes
    // two replies arriving at once take consecutive turns.
    replyAssignments: integer("reply_assignments").notNull().default(0),
    status: campaignStatusEnum("status").notNull().default("draft"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    launchedAt: timestamp("launched_at", { withTimezone: true, precision: 3 }),
    // When the current send finished queueing its audience: with no message left queued, it is done.
    queuedAt: timestamp("queued_at", { withTimezone: true, precision: 3 }),
    // A scheduled time is local to each recipient: every time zone whose send time fell at or
    // before this instant has had its wave started (run-scheduled-campaigns).
    scheduledThrough: timestamp("scheduled_through", { withTimezone: true, precision: 3 }),
  },
  (t) => [index("campaigns_workspace_idx").on(t.workspaceId, t.status, t.createdAt, t.id)],
);

// Agents who receive replies to a campaign (its members).
export const campaignMembers = pgTable(
  "campaign_members",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex("campaign_members_key").on(t.campaignId, t.userId)],
);

export const messageStatusEnum = pgEnum("message_status", ["queued", "sent", "delivered", "read", "failed", "skipped"]);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    campaignId: uuid("campaign_id").references(() => campaigns.id),
    contactId: uuid("contact_id").references(() => contacts.id),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id),
    channel: channelEnum("channel").notNull(),
    toNumber: text("to_number").notNull(),
    // Which run of the campaign this belongs to (scheduled date, dialer upload id, invoke id):
    // with campaign and contact it makes the idempotency key, unique below.
    occurrence: text("occurrence").notNull(),
    // The sender's own key for a recipient that arrives as a line rather than a contact (dialer
    // upload line, Responsys row correlation id): with campaign and occurrence it is unique.
    externalRef: text("external_ref"),
    templateId: uuid("template_id").references(() => templates.id),
    parameters: text("parameters").array().notNull().default([]),
    body: text("body"),
    vendorMessageId: text("vendor_message_id"),
    status: messageStatusEnum("status").notNull().default("queued"),
    statusAt: timestamp("status_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    attempts: integer("attempts").notNull().default(0),
    // When a delivery run claimed it to send; a claim with no outcome long after is a run that
    // was interrupted mid-send (settle-interrupted-sends).
    claimedAt: timestamp("claimed_at", { withTimezone: true, precision: 3 }),
    // When it was handed to the vendor (or the vendor refused it): the pace a campaign achieves.
    sentAt: timestamp("sent_at", { withTimezone: true, precision: 3 }),
    // When the vendor was last asked for the status of a report that did not come (Mitto).
    reportLookedUpAt: timestamp("report_looked_up_at", { withTimezone: true, precision: 3 }),
    // When the status was written back to the contact (after the campaign's status timeout).
    statusWrittenAt: timestamp("status_written_at", { withTimezone: true, precision: 3 }),
    // A test send (campaign.testSend): listed with the campaign's recipients so its delivery shows,
    // but never counted in the funnel, the export, the dry run or segment conditions, and never
    // written back to the contact or Responsys.
    isTest: boolean("is_test").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("messages_once_key").on(t.campaignId, t.contactId, t.occurrence),
    uniqueIndex("messages_external_key").on(t.campaignId, t.occurrence, t.externalRef),
    uniqueIndex("messages_vendor_key").on(t.integrationId, t.vendorMessageId),
    index("messages_campaign_idx").on(t.campaignId, t.status, t.id),
    // The recipients table: one campaign's messages, newest first.
    index("messages_campaign_created_idx").on(t.campaignId, t.createdAt, t.id),
    // The pace a sending campaign achieves: its messages handed over in the last seconds.
    index("messages_campaign_sent_idx").on(t.campaignId, t.sentAt),
    // Claims whose run was interrupted: queued, claimed, and no outcome since.
    index("messages_interrupted_idx")
      .on(t.claimedAt)
      .where(sql`${t.status} = 'queued' and ${t.attempts} > 0`),
    // Sent messages still waiting for the vendor's report, oldest first.
    index("messages_awaiting_report_idx")
      .on(t.statusAt)
      .where(sql`${t.status} = 'sent' and ${t.vendorMessageId} is not null`),
    // Write-back of statuses after the timeout: only messages not yet written (tests never are).
    index("messages_write_back_idx")
      .on(t.createdAt)
      .where(sql`${t.statusWrittenAt} is null and ${t.status} <> 'skipped' and not ${t.isTest}`),
    // The dashboard's sends per day: the workspace's messages handed over in a period, tests left out.
    index("messages_workspace_sent_idx")
      .on(t.workspaceId, t.sentAt)
      .where(sql`not ${t.isTest}`),
    index("messages_contact_idx").on(t.contactId, t.createdAt),
    // The campaign a reply answers: the last message to that number through that integration.
    index("messages_recipient_idx").on(t.integrationId, t.toNumber, t.createdAt),
    // Where a number came from (a Responsys invocation row, a dialer line), newest first: consent write-backs.
    index("messages_row_number_idx")
      .on(t.workspaceId, t.toNumber, t.createdAt)
      .where(sql`${t.externalRef} is not null`),
    // Segment message-history conditions: EXISTS (contact, channel, status reached, since), tests left out.
    index("messages_history_idx")
      .on(t.contactId, t.channel, t.status, t.statusAt)
      .where(sql`not ${t.isTest}`),
  ],
);

export const messageStatusEvents = pgTable(
  "message_status_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    status: messageStatusEnum("status").notNull(),
    vendorStatus: text("vendor_status"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("message_status_events_message_idx").on(t.messageId, t.occurredAt)],
);
