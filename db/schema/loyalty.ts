import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { contacts } from "./contacts";
import { integrations } from "./integrations";
import { users, workspaces } from "./workspaces";

// Loyalty SMS: Annex Cloud loyalty actions texted through Attentive.

export const loyaltyActionTypeEnum = pgEnum("loyalty_action_type", ["points_earned", "reward_redeemed", "tier_change"]);
export const loyaltySmsStatusEnum = pgEnum("loyalty_sms_status", ["pending", "sending", "sent", "failed", "skipped"]);

export type LoyaltyActionType = (typeof loyaltyActionTypeEnum.enumValues)[number];
export type LoyaltyRule = { enabled: boolean; body: string };

// One program per workspace: which Attentive integration (with its Annex Cloud site) to use, and
// the text each action type sends.
export const loyaltyPrograms = pgTable("loyalty_programs", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id),
  integrationId: uuid("integration_id")
    .notNull()
    .references(() => integrations.id),
  enabled: boolean("enabled").notNull().default(false),
  rules: jsonb("rules").$type<Partial<Record<LoyaltyActionType, LoyaltyRule>>>().notNull().default({}),
  // When texting was last switched on: actions from before are history, not news, and are not texted.
  enabledAt: timestamp("enabled_at", { withTimezone: true, precision: 3 }),
  // The member (contact id) the next run goes on pulling from; null starts from the first.
  pullCursor: uuid("pull_cursor"),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

// Every loyalty action pulled from Annex Cloud, with the outcome of its SMS. The row is the SMS's
// idempotency record: one per Annex Cloud activity, claimed (pending -> sending) before the send.
export const loyaltyActions = pgTable(
  "loyalty_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    annexSiteId: text("annex_site_id").notNull(),
    // Annex Cloud's activity id, unique within its site.
    externalId: text("external_id").notNull(),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    type: loyaltyActionTypeEnum("type").notNull(),
    // The action's merge values as Annex Cloud gave them (points, balance, reward, tier).
    details: jsonb("details").$type<Record<string, string>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    status: loyaltySmsStatusEnum("status").notNull().default("pending"),
    toNumber: text("to_number"),
    body: text("body"),
    reasonCode: text("reason_code"),
    reason: text("reason"),
    claimedAt: timestamp("claimed_at", { withTimezone: true, precision: 3 }),
    statusAt: timestamp("status_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("loyalty_actions_once_key").on(t.workspaceId, t.annexSiteId, t.externalId),
    // The screen's list: a workspace's actions, newest first.
    index("loyalty_actions_recent_idx").on(t.workspaceId, t.occurredAt, t.id),
    // What a run still has to send (or to settle, when a send was cut off).
    index("loyalty_actions_open_idx")
      .on(t.workspaceId, t.occurredAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
  ],
);
