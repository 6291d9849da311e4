import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, boolean } from "drizzle-orm/pg-core";
import { contacts } from "./contacts";
import { integrations } from "./integrations";
import { segments } from "./segments";
import { workspaces } from "./workspaces";

export const audienceJobKindEnum = pgEnum("audience_job_kind", ["export_audience", "export_to_campaign", "import_activity"]);
export const audienceJobStatusEnum = pgEnum("audience_job_status", ["active", "paused", "failed", "deleted"]);

// Seed 001 jobs. Rules (mapped match columns, <= 29 extra fields...) live in the audience domain.
export const audienceJobs = pgTable(
  "audience_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id),
    integrationId: uuid("integration_id").notNull().references(() => integrations.id),
    kind: audienceJobKindEnum("kind").notNull(),
    label: text("label").notNull(),
    description: text("description"),
    segmentId: uuid("segment_id").references(() => segments.id),
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    backfill: boolean("backfill").notNull().default(false),
    status: audienceJobStatusEnum("status").notNull().default("active"),
    lastBatchAt: timestamp("last_batch_at", { withTimezone: true, precision: 3 }),
    lastBatchSize: integer("last_batch_size"),
    totalSent: integer("total_sent").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("audience_jobs_workspace_idx").on(t.workspaceId, t.status)],
);

// Continuous enter/exit queue per export job, flushed in batches of 200 or after 10 minutes.
export const audienceQueue = pgTable(
  "audience_queue",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id").notNull().references(() => audienceJobs.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    change: text("change").$type<"enter" | "exit">().notNull(),
    enqueuedAt: timestamp("enqueued_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // Claimed by a flush; a batch id makes retries of the same batch idempotent.
    batchId: uuid("batch_id"),
    sentAt: timestamp("sent_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [index("audience_queue_pending_idx").on(t.jobId, t.sentAt, t.enqueuedAt)],
);

// Responsys activity events ingested once each (seed 001 "Import Activity Data").
export const activityEvents = pgTable(
  "activity_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id").notNull().references(() => audienceJobs.id),
    contactId: uuid("contact_id").references(() => contacts.id),
    externalEventId: text("external_event_id").notNull(),
    eventType: text("event_type").notNull(),
    channel: text("channel").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [uniqueIndex("activity_events_once_key").on(t.jobId, t.externalEventId), index("activity_events_contact_idx").on(t.contactId, t.occurredAt)],
);
