import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { campaigns, messages } from "./campaigns";
import { channelEnum, contacts } from "./contacts";
import { integrations } from "./integrations";
import { users, workspaces } from "./workspaces";

// Raw inbound (MO) messages as vendors deliver them, stored once per vendor message id.
export const inboundMessages = pgTable(
  "inbound_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id),
    contactId: uuid("contact_id").references(() => contacts.id),
    channel: channelEnum("channel").notNull(),
    vendorMessageId: text("vendor_message_id").notNull(),
    fromNumber: text("from_number").notNull(),
    toNumber: text("to_number"),
    body: text("body"),
    attachments: jsonb("attachments")
      .$type<{ url: string; mimeType?: string; fileName?: string }[]>()
      .notNull()
      .default([]),
    isOptOut: boolean("is_opt_out").notNull().default(false),
    receivedAt: timestamp("received_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    uniqueIndex("inbound_messages_vendor_key").on(t.integrationId, t.vendorMessageId),
    index("inbound_messages_contact_idx").on(t.contactId, t.receivedAt),
  ],
);

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id),
    campaignId: uuid("campaign_id").references(() => campaigns.id),
    channel: channelEnum("channel").notNull(),
    // The agent handling it, by email (the key Salesforce case owners are matched on).
    agentUserId: uuid("agent_user_id").references(() => users.id),
    agentEmail: text("agent_email"),
    state: text("state").$type<"open" | "closed">().notNull().default("open"),
    // The 24-hour customer service window: free-form replies allowed until this instant.
    sessionExpiresAt: timestamp("session_expires_at", { withTimezone: true, precision: 3 }),
    awaitingReplySince: timestamp("awaiting_reply_since", { withTimezone: true, precision: 3 }),
    closeProfile: text("close_profile"),
    closedAt: timestamp("closed_at", { withTimezone: true, precision: 3 }),
    closedBy: text("closed_by"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("conversations_workspace_idx").on(t.workspaceId, t.state, t.lastMessageAt, t.id),
    index("conversations_contact_idx").on(t.contactId, t.channel, t.state),
  ],
);

export const conversationMessages = pgTable(
  "conversation_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    direction: text("direction").$type<"inbound" | "outbound">().notNull(),
    inboundMessageId: uuid("inbound_message_id").references(() => inboundMessages.id),
    messageId: uuid("message_id").references(() => messages.id),
    authorUserId: uuid("author_user_id").references(() => users.id),
    body: text("body"),
    attachments: jsonb("attachments")
      .$type<{ url: string; mimeType?: string; fileName?: string }[]>()
      .notNull()
      .default([]),
    sentAt: timestamp("sent_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("conversation_messages_thread_idx").on(t.conversationId, t.sentAt, t.id)],
);

export const caseSyncStatusEnum = pgEnum("case_sync_status", ["pending", "running", "synced", "failed"]);

// One row per closed conversation; progress fields let a failed run resume where it stopped.
export const caseSyncs = pgTable(
  "case_syncs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id),
    status: caseSyncStatusEnum("status").notNull().default("pending"),
    salesforceContactId: text("salesforce_contact_id"),
    salesforceCaseId: text("salesforce_case_id"),
    caseNumber: text("case_number"),
    caseUrl: text("case_url"),
    // conversation_messages.id -> CaseComment id, so a re-run never posts a comment twice.
    syncedComments: jsonb("synced_comments").$type<Record<string, string>>().notNull().default({}),
    attempts: jsonb("attempts").$type<{ at: string; ok: boolean; error?: string }[]>().notNull().default([]),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("case_syncs_conversation_key").on(t.conversationId),
    index("case_syncs_status_idx").on(t.status, t.updatedAt),
  ],
);
