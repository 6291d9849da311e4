import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { integrations, senders } from "./integrations";

export const templateStatusEnum = pgEnum("template_status", [
  "APPROVED",
  "PENDING",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "IN_APPEAL",
  "ARCHIVED",
  "DELETED",
  "LIMIT_EXCEEDED",
]);
export const templateCategoryEnum = pgEnum("template_category", ["MARKETING", "UTILITY", "AUTHENTICATION"]);

export type TemplateComponent = {
  type: "HEADER" | "BODY" | "FOOTER" | "BUTTONS";
  format?: string;
  text?: string;
  buttons?: { type: string; text: string; url?: string; phone_number?: string }[];
};

export const templates = pgTable(
  "templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id),
    senderId: uuid("sender_id").references(() => senders.id),
    externalId: text("external_id"),
    // The HSM code in uContact/Wavy terms.
    name: text("name").notNull(),
    language: text("language").notNull(),
    category: templateCategoryEnum("category").notNull(),
    status: templateStatusEnum("status").notNull(),
    parameterFormat: text("parameter_format").notNull().default("POSITIONAL"),
    components: jsonb("components").$type<TemplateComponent[]>().notNull(),
    body: text("body").notNull(),
    placeholderCount: integer("placeholder_count").notNull(),
    sampleValues: text("sample_values").array().notNull().default([]),
    // Set when a sync no longer finds the template: marked, never silently deleted.
    missingSince: timestamp("missing_since", { withTimezone: true, precision: 3 }),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true, precision: 3 }),
    // Templates kept by hand (vendors with no template API, such as Wavy): an admin's last edit,
    // so a draft campaign saved before it is flagged, and when an admin retired the code.
    editedAt: timestamp("edited_at", { withTimezone: true, precision: 3 }),
    retiredAt: timestamp("retired_at", { withTimezone: true, precision: 3 }),
    syncedAt: timestamp("synced_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("templates_name_lang_key").on(t.integrationId, t.name, t.language),
    index("templates_filter_idx").on(t.integrationId, t.status, t.language, t.category),
  ],
);
