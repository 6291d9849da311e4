import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { contacts } from "./contacts";
import { users, workspaces } from "./workspaces";

export const segmentKindEnum = pgEnum("segment_kind", ["dynamic", "static"]);

export const segments = pgTable(
  "segments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    description: text("description"),
    kind: segmentKindEnum("kind").notNull(),
    // Nested AND/OR groups of conditions for dynamic segments (validated by the segment domain).
    definition: jsonb("definition").$type<unknown>(),
    lastCount: integer("last_count"),
    lastCountedAt: timestamp("last_counted_at", { withTimezone: true, precision: 3 }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("segments_workspace_idx").on(t.workspaceId, t.name)],
);

// Members of static segments (uploaded lists).
export const segmentMembers = pgTable(
  "segment_members",
  {
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.contactId] }), index("segment_members_contact_idx").on(t.contactId)],
);
