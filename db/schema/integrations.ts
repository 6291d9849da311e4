import {
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  integer,
  boolean,
  primaryKey,
} from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const vendorEnum = pgEnum("vendor", ["mitto", "responsys", "wavy", "attentive", "salesforce", "responsys_app"]);
export const integrationStatusEnum = pgEnum("integration_status", ["draft", "active", "disabled", "error"]);

export const integrations = pgTable(
  "integrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    vendor: vendorEnum("vendor").notNull(),
    label: text("label").notNull(),
    description: text("description"),
    // Non-secret settings (namespace, endpoint, pod, API version, toggles...), validated per vendor.
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    // AES-256-GCM envelope ("v1:<keyId>:<iv>:<tag>:<ciphertext>") of a JSON object of secrets.
    secrets: text("secrets"),
    // Sandbox integrations point at the local vendor simulator (test mode).
    sandbox: boolean("sandbox").notNull().default(false),
    status: integrationStatusEnum("status").notNull().default("draft"),
    lastTestAt: timestamp("last_test_at", { withTimezone: true, precision: 3 }),
    lastTestOk: boolean("last_test_ok"),
    lastTestMessage: text("last_test_message"),
    lastError: text("last_error"),
    lastErrorAt: timestamp("last_error_at", { withTimezone: true, precision: 3 }),
    // Per-integration secret for webhook URLs of vendors that sign nothing (Mitto, Wavy).
    webhookToken: text("webhook_token"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // Uninstall keeps history: rows are marked, never deleted.
    uninstalledAt: timestamp("uninstalled_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [index("integrations_workspace_idx").on(t.workspaceId, t.vendor, t.status)],
);

// Outcomes of every vendor call and callback, counted per integration, operation and hour: a
// send batch of hundreds of messages is one upsert here, not a row per message. The health
// figure (success rate, last success, last error, silent webhooks) reads these.
export const vendorCallStats = pgTable(
  "vendor_call_stats",
  {
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id),
    // "send", "template_sync", "webhook.status", ...: callbacks received start with "webhook.".
    operation: text("operation").notNull(),
    hour: timestamp("hour", { withTimezone: true, precision: 3 }).notNull(),
    succeeded: integer("succeeded").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true, precision: 3 }),
    lastFailureAt: timestamp("last_failure_at", { withTimezone: true, precision: 3 }),
    lastFailure: text("last_failure"),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.hour, t.operation] })],
);

// WhatsApp business accounts / phone numbers (Mitto senders, Wavy DIDs) and SMS sources.
export const senders = pgTable(
  "senders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id),
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    phoneNumber: text("phone_number"),
    // Vendor throughput limit, used as the per-sender throttle when sending.
    messagesPerSecond: integer("messages_per_second"),
    active: boolean("active").notNull().default(true),
    syncedAt: timestamp("synced_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("senders_external_key").on(t.integrationId, t.externalId)],
);
