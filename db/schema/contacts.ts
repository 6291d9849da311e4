import { sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users, workspaces } from "./workspaces";

// A Responsys-style profile list (its standard columns), plus custom attributes.
export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    // E.164, normalised with libphonenumber-js.
    mobileNumber: text("mobile_number"),
    mobileCountry: text("mobile_country"),
    email: text("email"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    postalStreet1: text("postal_street_1"),
    postalStreet2: text("postal_street_2"),
    city: text("city"),
    state: text("state"),
    postalCode: text("postal_code"),
    country: text("country"),
    timeZone: text("time_zone"),
    // Written by campaigns after the status timeout (as Responsys's "Set data" writes LAST_MESSAGE_STATUS).
    lastMessageStatus: text("last_message_status"),
    lastMessageStatusAt: timestamp("last_message_status_at", { withTimezone: true, precision: 3 }),
    // Each channel's current consent for this contact's address (its number; its email for email),
    // copied from consent_states by database triggers in the same transaction as every change to
    // either side (migration 0016), so segment counts filter on the contact row. consent_states
    // stays the truth; these are for counting.
    whatsappConsent: text("whatsapp_consent").$type<"opt_in" | "opt_out">(),
    smsConsent: text("sms_consent").$type<"opt_in" | "opt_out">(),
    emailConsent: text("email_consent").$type<"opt_in" | "opt_out">(),
    // How the contact came to be when no person created it: "reply" is a number that wrote in
    // without being a contact (a dialer line, a Responsys row), made a contact so an agent sees
    // the conversation; "responsys_activity" an activity row of an unknown user, imported by a job
    // that creates contacts. Its consent is whatever the ledger says: never an opt-in.
    createdFrom: text("created_from").$type<"reply" | "responsys_activity">(),
    // The Responsys recipient id (RIID_), learned when Responsys gave it to us: a list merge of an
    // export job, an invocation row, an activity row. Activity rows attach by it first.
    responsysRiid: text("responsys_riid"),
    // The contact's member id in Annex Cloud (loyalty), as Annex Cloud gave it: members are read
    // by it, or by email when it is not known yet, so a member without an email is still reached.
    annexId: text("annex_id"),
    attributes: jsonb("attributes").$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    // Responsys activity aggregates (from activity import jobs), kept as one document per contact.
    activity: jsonb("activity").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    modifiedAt: timestamp("modified_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contacts_mobile_key").on(t.workspaceId, t.mobileNumber),
    uniqueIndex("contacts_email_key").on(t.workspaceId, t.email),
    index("contacts_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("contacts_name_idx").on(t.workspaceId, t.lastName, t.firstName, t.id),
    index("contacts_country_idx").on(t.workspaceId, t.country),
    index("contacts_responsys_riid_idx").on(t.workspaceId, t.responsysRiid),
    index("contacts_modified_idx").on(t.workspaceId, t.modifiedAt, t.id),
    // Prefix search (LIKE 'x%') needs pattern-ops indexes unless the database collation is "C".
    index("contacts_mobile_prefix_idx").on(t.workspaceId, t.mobileNumber.op("text_pattern_ops")),
    index("contacts_email_prefix_idx").on(t.workspaceId, t.email.op("text_pattern_ops")),
    index("contacts_first_name_prefix_idx").on(t.workspaceId, sql`lower(${t.firstName}) text_pattern_ops`),
    index("contacts_last_name_prefix_idx").on(t.workspaceId, sql`lower(${t.lastName}) text_pattern_ops`),
    // Segment "contains" compiles to column ILIKE '%x%', which pg_trgm's GIN indexes answer
    // directly (any case, no lower() needed); the migration creates the extension.
    index("contacts_email_trgm_idx").using("gin", t.email.op("gin_trgm_ops")),
    index("contacts_first_name_trgm_idx").using("gin", t.firstName.op("gin_trgm_ops")),
    index("contacts_last_name_trgm_idx").using("gin", t.lastName.op("gin_trgm_ops")),
    // Segment previews and member pages walk a workspace's contacts by id; counts scan it index-only.
    index("contacts_workspace_id_idx").on(t.workspaceId, t.id),
    // Scheduled sends list a workspace's time zones every minute and queue one zone at a time.
    index("contacts_time_zone_idx").on(t.workspaceId, t.timeZone),
    // Segment conditions on custom attributes compile to attributes @> '{"KEY": value}'.
    index("contacts_attributes_idx").using("gin", t.attributes.op("jsonb_path_ops")),
    // Consent conditions count from these (opted in, opted out, or nothing recorded: null).
    index("contacts_whatsapp_consent_idx").on(t.workspaceId, t.whatsappConsent),
    index("contacts_sms_consent_idx").on(t.workspaceId, t.smsConsent),
    index("contacts_email_consent_idx").on(t.workspaceId, t.emailConsent),
  ],
);

export const channelEnum = pgEnum("channel", ["whatsapp", "sms", "email"]);
export const consentSourceEnum = pgEnum("consent_source", [
  "import",
  "form",
  "keyword",
  "vendor_unsubscribe",
  "admin",
  "api",
]);

/**
 * The consent ledger: append-only, one row per opt-in or opt-out of one address on one channel
 * (an E.164 number for WhatsApp and SMS, an email address for email), whether or not a contact
 * has that address. Consent belongs to the number, not to a contact record: a STOP from a number
 * nobody imported is honoured, and a contact created later with that number starts opted out.
 * `contactId` says which contact it was recorded through, if any (kept as provenance).
 */
export const consentEvents = pgTable(
  "consent_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    channel: channelEnum("channel").notNull(),
    address: text("address").notNull(),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    state: text("state").$type<"opt_in" | "opt_out">().notNull(),
    source: consentSourceEnum("source").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    // Keyword text, vendor reference or import id that caused it.
    evidence: text("evidence"),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("consent_events_address_idx").on(t.workspaceId, t.channel, t.address, t.at),
    // The dashboard's opt-outs per day: the workspace's events of one state in a period.
    index("consent_events_state_at_idx").on(t.workspaceId, t.state, t.at),
  ],
);

// Derived current state per address, maintained in the same transaction as each ledger insert,
// so that sends and segment counts read one row (or an index) instead of the ledger.
export const consentStates = pgTable(
  "consent_states",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    channel: channelEnum("channel").notNull(),
    address: text("address").notNull(),
    state: text("state").$type<"opt_in" | "opt_out">().notNull(),
    source: consentSourceEnum("source").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.channel, t.address] }),
    // Segment counts by state build their hash of addresses from the index alone.
    index("consent_states_state_idx").on(t.workspaceId, t.channel, t.state, t.address),
  ],
);

export const contactImportStatusEnum = pgEnum("contact_import_status", [
  "validating",
  "ready",
  "importing",
  "done",
  "failed",
]);

export const contactImports = pgTable(
  "contact_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    createdBy: uuid("created_by").references(() => users.id),
    fileName: text("file_name").notNull(),
    mode: text("mode").$type<"insert" | "upsert">().notNull(),
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull(),
    // The mobile country of rows whose number has no "+" country code and no mobile country of its own.
    defaultMobileCountry: text("default_mobile_country"),
    status: contactImportStatusEnum("status").notNull().default("validating"),
    counts: jsonb("counts").$type<{
      total: number;
      processed: number;
      inserted: number;
      updated: number;
      skipped: number;
      failed: number;
      // Opt-in values left out because the channel had opted out (the rest of the row applied);
      // absent until an import keeps one.
      optOutsKept?: number;
    }>(),
    errors: jsonb("errors").$type<{ line: number; field: string; reason: string }[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [index("contact_imports_workspace_idx").on(t.workspaceId, t.createdAt)],
);

/**
 * The opt-outs of erased contacts' addresses, kept without the address: an HMAC-SHA256 of
 * (workspace, channel, address) under ERASURE_HASH_KEY (server/lib/crypto.ts), so the number
 * is no longer stored but a send to it, or a new contact with it, is still recognised as
 * opted out. Consent recorded again for the address (a START, a new contact, an import) turns
 * the row back into a ledger event (server/domains/contact/erased-opt-outs.ts), so an address
 * is either here or in consent_states, never both.
 */
export const erasedOptOuts = pgTable(
  "erased_opt_outs",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    channel: channelEnum("channel").notNull(),
    addressHash: text("address_hash").notNull(),
    // The opt-out's own source and time, so that restored it orders against later events as before.
    source: consentSourceEnum("source").notNull(),
    optedOutAt: timestamp("opted_out_at", { withTimezone: true, precision: 3 }).notNull(),
    erasedAt: timestamp("erased_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channel, t.addressHash] })],
);
