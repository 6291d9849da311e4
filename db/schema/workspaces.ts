import { pgEnum, pgTable, text, timestamp, uuid, index, uniqueIndex, boolean, jsonb } from "drizzle-orm/pg-core";

/** One of a workspace's own consent keywords; the standard STOP and START families are always on. */
export type ConsentKeyword = { language: string; kind: "opt_out" | "opt_in"; keyword: string };

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  // Used for scheduled sends (due at each contact's local time) when a contact has no time zone.
  defaultTimeZone: text("default_time_zone").notNull().default("UTC"),
  // Extra opt-out and opt-in keywords per language (es: BAJA / ALTA), on top of the standard
  // STOP and START families. A short list edited as a whole on the settings page, so one column.
  consentKeywords: jsonb("consent_keywords").$type<ConsentKeyword[]>().notNull().default([]),
  // The external desk's bearer token, as SHA-256 of a random token shown once; null until an
  // admin first rotates it, and until then the token derived from AUTH_SECRET is accepted
  // (server/domains/workspace/desk-token.ts).
  deskTokenHash: text("desk_token_hash"),
  deskTokenSetAt: timestamp("desk_token_set_at", { withTimezone: true, precision: 3 }),
  createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export const roleEnum = pgEnum("role", ["admin", "marketer"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    passwordHash: text("password_hash"),
    // Invited users have no password until they accept; disabled users cannot sign in.
    disabledAt: timestamp("disabled_at", { withTimezone: true, precision: 3 }),
    invitedAt: timestamp("invited_at", { withTimezone: true, precision: 3 }),
    // Set while the password is a one-time password from an invite: it stops working then
    // (72 h after issue), and until the user chooses their own, sessions may do nothing else.
    oneTimePasswordExpiresAt: timestamp("one_time_password_expires_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    index("users_workspace_idx").on(t.workspaceId, t.createdAt, t.id),
  ],
);

// Server-side sessions: the Auth.js cookie only names a row here, so logout, disabling a user
// or changing a role takes effect on the next request.
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    // Written as false before the password is checked and set true after a success, so a
    // concurrent burst sees each attempt as a failure while it is in flight (server/auth/throttle.ts).
    succeeded: boolean("succeeded").notNull(),
    // The signed device cookie's id when the browser presented a valid one for this account:
    // such attempts are throttled in their own bucket.
    deviceId: text("device_id"),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_email_idx").on(t.email, t.at), index("login_attempts_ip_idx").on(t.ip, t.at)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    // "system" for background jobs, "user" for people, "vendor" for webhooks.
    actorKind: text("actor_kind").notNull().default("user"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    // Never holds secret values: callers pass field names, not contents, for secrets.
    details: text("details").notNull().default("{}"),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  // The audit log page pages newest first (at, id) under each filter it offers: one index per filter.
  (t) => [
    index("audit_log_workspace_idx").on(t.workspaceId, t.at, t.id),
    index("audit_log_actor_idx").on(t.workspaceId, t.actorUserId, t.at, t.id),
    index("audit_log_action_idx").on(t.workspaceId, t.action, t.at, t.id),
    index("audit_log_target_type_idx").on(t.workspaceId, t.targetType, t.at, t.id),
    index("audit_log_target_idx").on(t.workspaceId, t.targetId, t.at, t.id),
  ],
);
