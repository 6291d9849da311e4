import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { contacts } from "./contacts";
import { integrations } from "./integrations";
import { segments } from "./segments";
import { workspaces } from "./workspaces";

export const audienceJobKindEnum = pgEnum("audience_job_kind", [
  "export_audience",
  "export_to_campaign",
  "import_activity",
]);
export const audienceJobStatusEnum = pgEnum("audience_job_status", ["active", "paused", "failed", "deleted"]);

// Responsys jobs (audience exports, activity imports). Rules (mapped match columns, <= 29 extra
// fields...) live in the responsys-jobs domain; the tables keep their first name, audience_*.
export const audienceJobs = pgTable(
  "audience_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id),
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
    totalFailed: integer("total_failed").notNull().default(0),
    // A partial batch is sent once its oldest entry has waited this long (10 minutes by default).
    batchTimeoutSeconds: integer("batch_timeout_seconds").notNull().default(600),
    // Null until the first reconcile: without backfill, that one records members without sending them.
    reconciledAt: timestamp("reconciled_at", { withTimezone: true, precision: 3 }),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("audience_jobs_workspace_idx").on(t.workspaceId, t.status)],
);

// Continuous enter/exit queue per export job, flushed in batches of 200 or after 10 minutes.
export const audienceQueue = pgTable(
  "audience_queue",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => audienceJobs.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    change: text("change").$type<"enter" | "exit">().notNull(),
    enqueuedAt: timestamp("enqueued_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // Claimed by a flush; a batch id makes retries of the same batch idempotent.
    batchId: uuid("batch_id"),
    claimedAt: timestamp("claimed_at", { withTimezone: true, precision: 3 }),
    sentAt: timestamp("sent_at", { withTimezone: true, precision: 3 }),
    // Responsys refused this record (a MERGEFAILED row): sent, but not merged.
    error: text("error"),
    // For exits: the member's RIID from its last merge, so "remove" can delete it.
    riid: text("riid"),
  },
  (t) => [
    index("audience_queue_pending_idx").on(t.jobId, t.sentAt, t.enqueuedAt),
    index("audience_queue_batch_idx").on(t.batchId),
  ],
);

// Per export job, the segment members as last reconciled: the diff against the segment's
// current members is what enters and exits (segments are evaluated on demand, not stored).
export const audienceMembers = pgTable(
  "audience_members",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => audienceJobs.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    enteredAt: timestamp("entered_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // Learned from the merge that sent the member; null until then.
    riid: text("riid"),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.contactId] })],
);

// One row per batch sent (or failed) to the vendor, for the job screens.
export const audienceBatches = pgTable(
  "audience_batches",
  {
    id: uuid("id").primaryKey(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => audienceJobs.id, { onDelete: "cascade" }),
    size: integer("size").notNull(),
    failed: integer("failed").notNull().default(0),
    attempts: integer("attempts").notNull().default(1),
    // The vendor's message when the whole batch was refused, or the first row failure.
    error: text("error"),
    sentAt: timestamp("sent_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("audience_batches_job_idx").on(t.jobId, t.createdAt)],
);

// Responsys activity events ingested once each (by activity import jobs).
export const activityEvents = pgTable(
  "activity_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => audienceJobs.id),
    contactId: uuid("contact_id").references(() => contacts.id),
    externalEventId: text("external_event_id").notNull(),
    eventType: text("event_type").notNull(),
    channel: text("channel").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    uniqueIndex("activity_events_once_key").on(t.jobId, t.externalEventId),
    index("activity_events_contact_idx").on(t.contactId, t.occurredAt),
  ],
);

// One row per activity file (or API pull) read by an import job: a file is read once, and
// the lines it could not import are kept with the reason, for the job screen.
export const activityImports = pgTable(
  "activity_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => audienceJobs.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    accountId: text("account_id"),
    lines: integer("lines").notNull().default(0),
    imported: integer("imported").notNull().default(0),
    duplicates: integer("duplicates").notNull().default(0),
    errors: jsonb("errors").$type<{ line: number; reason: string }[]>().notNull().default([]),
    // How the imported (new) rows found their contact: by RIID, email or mobile, a contact
    // created for them (when the job creates contacts), or none.
    attachedByRiid: integer("attached_by_riid").notNull().default(0),
    attachedByEmail: integer("attached_by_email").notNull().default(0),
    attachedByMobile: integer("attached_by_mobile").notNull().default(0),
    created: integer("created").notNull().default(0),
    unmatched: integer("unmatched").notNull().default(0),
    // The unmatched rows as read (up to 10,000), for the job screen's download: [column, value]
    // pairs, since a jsonb object does not keep the file's column order.
    unmatchedRows: jsonb("unmatched_rows").$type<[string, string][][]>().notNull().default([]),
    importedAt: timestamp("imported_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("activity_imports_source_key").on(t.jobId, t.source)],
);
