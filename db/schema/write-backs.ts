import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { consentEvents } from "./contacts";
import { workspaces } from "./workspaces";

export const writeBackTargetEnum = pgEnum("write_back_target", ["responsys", "attentive"]);
export const writeBackStatusEnum = pgEnum("write_back_status", ["pending", "done", "failed"]);

/**
 * One consent change told to a system outside Switchboard where the number came from: an
 * opt-out written to the Responsys profile list's opt-in field, or an Attentive text
 * subscription following SMS consent. Opened in the consent's own transaction, then updated by
 * each attempt of the background function that makes the call (pending while it is retried).
 */
export const consentWriteBacks = pgTable(
  "consent_write_backs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    consentEventId: uuid("consent_event_id")
      .notNull()
      .references(() => consentEvents.id, { onDelete: "cascade" }),
    target: writeBackTargetEnum("target").notNull(),
    // What the target needs to find the number: for Responsys, the invocation the number came in on.
    reference: text("reference"),
    status: writeBackStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    // What the last attempt did ("Unsubscribed", "Not subscribed in Attentive") or why it failed.
    outcome: text("outcome"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("consent_write_backs_key").on(t.consentEventId, t.target),
    index("consent_write_backs_status_idx").on(t.workspaceId, t.status),
  ],
);
