import {
  and,
  asc,
  bindIfParam,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  ne,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { schema, type Db, type Tx } from "@/db/client";
import { consentColumnOf, consentOfContact } from "./reads";
import type { Channel, ConsentFilter, ConsentSource, ConsentState, ContactSort } from "./schema";

const c = schema.contacts;

const contactColumns = {
  id: c.id,
  mobileNumber: c.mobileNumber,
  mobileCountry: c.mobileCountry,
  email: c.email,
  firstName: c.firstName,
  lastName: c.lastName,
  postalStreet1: c.postalStreet1,
  postalStreet2: c.postalStreet2,
  city: c.city,
  state: c.state,
  postalCode: c.postalCode,
  country: c.country,
  timeZone: c.timeZone,
  annexId: c.annexId,
  attributes: c.attributes,
  // Written by campaigns after their status timeout (as Responsys's "Set data" step does).
  lastMessageStatus: c.lastMessageStatus,
  lastMessageStatusAt: c.lastMessageStatusAt,
  createdAt: c.createdAt,
  modifiedAt: c.modifiedAt,
};

const listColumns = {
  id: c.id,
  firstName: c.firstName,
  lastName: c.lastName,
  email: c.email,
  mobileNumber: c.mobileNumber,
  mobileCountry: c.mobileCountry,
  createdAt: c.createdAt,
  modifiedAt: c.modifiedAt,
};
export type ContactListRow = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  mobileNumber: string | null;
  mobileCountry: string | null;
  createdAt: Date;
  modifiedAt: Date;
};

// The sort key of each sort, in order, before the id tie-breaker. Name follows contacts_name_idx.
export const sortKeys: Record<ContactSort, { column: PgColumn; nullable: boolean }[]> = {
  created: [{ column: c.createdAt, nullable: false }],
  modified: [{ column: c.modifiedAt, nullable: false }],
  name: [
    { column: c.lastName, nullable: true },
    { column: c.firstName, nullable: true },
  ],
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Prefix search. A term of digits (and + ( ) - . spaces) is a mobile number prefix, with or
 * without the "+"; a term with "@" is an email prefix; anything else matches each word as the
 * start of the first or last name (and a single word also as the start of the email). Emails
 * are stored lower case and numbers in E.164, so a prefix is a range of contacts_email_key or
 * contacts_mobile_key, but PostgreSQL only uses a default-collation btree for LIKE under the
 * "C" collation: other collations need text_pattern_ops indexes, as do the lower(name) prefixes.
 */
export function searchCondition(term: string): SQL | undefined {
  const text = term.trim().toLowerCase();
  if (!text) return undefined;
  const digits = text.replace(/\D/g, "");
  if (/^\+?[\d\s().-]+$/.test(text) && digits.length > 0) return like(c.mobileNumber, `+${digits}%`);
  if (text.includes("@")) return like(c.email, `${escapeLike(text)}%`);
  const words = text.split(/\s+/).map(escapeLike);
  const nameStarts = (w: string) =>
    or(like(sql`lower(${c.firstName})`, `${w}%`), like(sql`lower(${c.lastName})`, `${w}%`));
  if (words.length === 1 && words[0]) return or(nameStarts(words[0]), like(c.email, `${words[0]}%`));
  return and(...words.map(nameStarts));
}

type KeyValue = string | Date | null;

/** (a, b) > (x, y) in one comparison, which PostgreSQL turns into a range on a matching index. */
function rowCompare(columns: PgColumn[], values: unknown[], op: ">" | "<"): SQL {
  const params = values.map((v, i) => {
    const column = columns[i] as PgColumn;
    return sql`cast(${bindIfParam(v, column)} as ${sql.raw(column.getSQLType())})`;
  });
  return sql`(${sql.join(columns, sql`, `)}) ${sql.raw(op)} (${sql.join(params, sql`, `)})`;
}

/**
 * The rows after a cursor, as a list of conditions whose matches follow one another in the sort
 * order: each is a contiguous, index-bounded range, so each page reads only the rows it returns
 * (no OFFSET, no scan from the start), at any depth. Nullable keys make it a list rather than
 * one row comparison: PostgreSQL sorts NULLs last ascending and first descending, as the index
 * stores them, but a comparison with NULL is never true, so the NULL runs are their own ranges.
 */
export function rangesAfter(
  keys: { column: PgColumn; nullable: boolean }[],
  values: KeyValue[],
  id: string,
  direction: "asc" | "desc",
): SQL[] {
  const asc = direction === "asc";
  const after = (level: number): SQL[] => {
    if (level === keys.length) return [asc ? gt(c.id, id) : lt(c.id, id)];
    const { column, nullable } = keys[level] as (typeof keys)[number];
    const value = values[level] ?? null;
    const ranges: SQL[] = [];
    if (value !== null && level === keys.length - 1) {
      ranges.push(rowCompare([column, c.id], [value, id], asc ? ">" : "<"));
    } else {
      const same = value === null ? isNull(column) : eq(column, value);
      for (const deeper of after(level + 1)) ranges.push(and(same, deeper) as SQL);
      if (value !== null) ranges.push(asc ? gt(column, value) : lt(column, value));
    }
    if (nullable && value !== null && asc) ranges.push(isNull(column));
    if (nullable && value === null && !asc) ranges.push(isNotNull(column));
    return ranges;
  };
  return after(0);
}

/** Up to limit+1 rows of one workspace in the sort order, after `after` when given. */
export async function findContactsPage(
  db: Db,
  workspaceId: string,
  options: {
    sort: ContactSort;
    direction: "asc" | "desc";
    search: string;
    consent: ConsentFilter | undefined;
    after: { values: KeyValue[]; id: string } | null;
    limit: number;
  },
): Promise<ContactListRow[]> {
  const keys = sortKeys[options.sort];
  const dir = options.direction === "asc" ? asc : desc;
  const orderBy = [...keys.map((k) => dir(k.column)), dir(c.id)];
  const base = listCondition(workspaceId, options);
  const ranges = options.after
    ? rangesAfter(keys, options.after.values, options.after.id, options.direction)
    : [undefined];
  const rows: ContactListRow[] = [];
  // In order, until the page is full: usually the first one or two ranges fill it.
  for (const range of ranges) {
    const wanted = options.limit + 1 - rows.length;
    if (wanted <= 0) break;
    rows.push(
      ...(await db
        .select(listColumns)
        .from(c)
        .where(and(base, range))
        .orderBy(...orderBy)
        .limit(wanted)),
    );
  }
  return rows;
}

/** How many contacts of one workspace match the search ("" for all). */
/** The contacts the list shows: the workspace's, matching the search and the consent filter. */
const listCondition = (workspaceId: string, filter: { search: string; consent: ConsentFilter | undefined }) =>
  and(
    eq(c.workspaceId, workspaceId),
    searchCondition(filter.search),
    filter.consent ? eq(consentColumnOf(filter.consent.channel), filter.consent.state) : undefined,
  );

export async function countContacts(
  db: Db,
  workspaceId: string,
  filter: { search: string; consent: ConsentFilter | undefined },
): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(c)
    .where(listCondition(workspaceId, filter));
  return row?.total ?? 0;
}

export async function findContact(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(contactColumns)
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), eq(c.id, id)));
  return row;
}

export async function findContactForUpdate(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx
    .select(contactColumns)
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), eq(c.id, id)))
    .for("update");
  return row;
}

/** Another contact of the workspace with this mobile number or email, if any. */
export async function findContactWith(
  tx: Tx,
  workspaceId: string,
  field: "mobileNumber" | "email",
  value: string,
  exceptId?: string,
) {
  const [row] = await tx
    .select({ id: c.id, mobileNumber: c.mobileNumber, email: c.email })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), eq(c[field], value), exceptId ? ne(c.id, exceptId) : undefined))
    .limit(1);
  return row;
}

export async function insertContact(tx: Tx, values: typeof c.$inferInsert) {
  const [row] = await tx.insert(c).values(values).returning({ id: c.id, createdAt: c.createdAt });
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateContactRow(tx: Tx, id: string, set: Partial<typeof c.$inferInsert>) {
  const [row] = await tx
    .update(c)
    .set({ ...set, modifiedAt: sql`now()` })
    .where(eq(c.id, id))
    .returning({ id: c.id, modifiedAt: c.modifiedAt });
  if (!row) throw new Error("update returned no row");
  return row;
}

/** The current consent of these contacts' addresses, one row per contact and channel that has one. */
export function findCurrentConsent(db: Db | Tx, contactIds: string[]) {
  if (contactIds.length === 0) return Promise.resolve([]);
  const cs = schema.consentStates;
  return db
    .select({ contactId: c.id, channel: cs.channel, state: cs.state, source: cs.source, at: cs.at })
    .from(c)
    .innerJoin(cs, consentOfContact())
    .where(inArray(c.id, contactIds));
}

/** The current consent of these numbers (WhatsApp, SMS) and email addresses in a workspace. */
export function findAddressConsent(db: Db | Tx, workspaceId: string, numbers: string[], emails: string[]) {
  const cs = schema.consentStates;
  if (numbers.length === 0 && emails.length === 0) return Promise.resolve([]);
  return db
    .select({ channel: cs.channel, address: cs.address, state: cs.state })
    .from(cs)
    .where(
      and(
        eq(cs.workspaceId, workspaceId),
        or(
          numbers.length > 0 ? and(ne(cs.channel, "email"), inArray(cs.address, numbers)) : undefined,
          emails.length > 0 ? and(eq(cs.channel, "email"), inArray(cs.address, emails)) : undefined,
        ),
      ),
    );
}

/** The ledger of a contact's addresses (its number, its email), newest first, with who recorded each event. */
export function findConsentHistory(db: Db, contactId: string, limit: number) {
  const ce = schema.consentEvents;
  return db
    .select({
      id: ce.id,
      channel: ce.channel,
      state: ce.state,
      source: ce.source,
      evidence: ce.evidence,
      at: ce.at,
      actorName: schema.users.name,
    })
    .from(ce)
    .innerJoin(c, consentOfContact(ce))
    .leftJoin(schema.users, eq(schema.users.id, ce.actorUserId))
    .where(eq(c.id, contactId))
    .orderBy(desc(ce.at), desc(ce.id))
    .limit(limit);
}

export type ConsentEventValues = {
  workspaceId: string;
  channel: Channel;
  // The E.164 number (WhatsApp, SMS) or email address the consent is for.
  address: string;
  // The contact it was recorded through, if any: provenance, not the key.
  contactId: string | null;
  state: ConsentState;
  source: ConsentSource;
  actorUserId: string | null;
  evidence?: string | null;
  // When it happened (a keyword's receive time, a vendor's timestamp); now when omitted.
  at?: Date;
};

export async function insertConsentEvent(tx: Tx, event: ConsentEventValues) {
  const [row] = await tx
    .insert(schema.consentEvents)
    .values({ ...event, evidence: event.evidence ?? null })
    .returning({ id: schema.consentEvents.id, at: schema.consentEvents.at });
  if (!row) throw new Error("insert returned no row");
  return row;
}

/**
 * Moves the address's current state to this event unless a newer one is already there; returns
 * whether it did. On equal times the opt-out wins, whichever was recorded first.
 */
export async function upsertCurrentConsent(tx: Tx, state: typeof schema.consentStates.$inferInsert) {
  const cs = schema.consentStates;
  const rows = await tx
    .insert(cs)
    .values(state)
    .onConflictDoUpdate({
      target: [cs.workspaceId, cs.channel, cs.address],
      set: { state: sql`excluded.state`, source: sql`excluded.source`, at: sql`excluded.at` },
      setWhere: sql`${cs.at} < excluded.at or (${cs.at} = excluded.at and excluded.state = 'opt_out')`,
    })
    .returning({ address: cs.address });
  return rows.length > 0;
}

/**
 * Removes and returns the kept opt-outs under these hashes (erased_opt_outs). A hash covers its
 * channel, so the two lists cannot pair wrongly, and both bound the primary key's range.
 */
export function takeErasedOptOuts(tx: Tx, workspaceId: string, keys: { channel: Channel; addressHash: string }[]) {
  if (keys.length === 0) return Promise.resolve([]);
  const eo = schema.erasedOptOuts;
  return tx
    .delete(eo)
    .where(
      and(
        eq(eo.workspaceId, workspaceId),
        inArray(eo.channel, [...new Set(keys.map((k) => k.channel))]),
        inArray(
          eo.addressHash,
          keys.map((k) => k.addressHash),
        ),
      ),
    )
    .returning({ channel: eo.channel, addressHash: eo.addressHash, source: eo.source, optedOutAt: eo.optedOutAt });
}

export async function insertErasedOptOuts(tx: Tx, rows: (typeof schema.erasedOptOuts.$inferInsert)[]) {
  if (rows.length === 0) return;
  await tx.insert(schema.erasedOptOuts).values(rows).onConflictDoNothing();
}

/**
 * Deletes every consent record of these addresses (a number on WhatsApp and SMS, an email on
 * email): the ledger (its write-backs go with it) and the current states, returned.
 */
export async function deleteAddressConsent(tx: Tx, workspaceId: string, number: string | null, email: string | null) {
  const forAddresses = (t: typeof schema.consentStates | typeof schema.consentEvents) =>
    and(
      eq(t.workspaceId, workspaceId),
      or(
        number ? and(ne(t.channel, "email"), eq(t.address, number)) : undefined,
        email ? and(eq(t.channel, "email"), eq(t.address, email)) : undefined,
      ),
    );
  if (!number && !email) return [];
  await tx.delete(schema.consentEvents).where(forAddresses(schema.consentEvents));
  const cs = schema.consentStates;
  return tx
    .delete(cs)
    .where(forAddresses(cs))
    .returning({ channel: cs.channel, address: cs.address, state: cs.state, source: cs.source, at: cs.at });
}

export async function deleteContactRow(tx: Tx, workspaceId: string, id: string) {
  await tx.delete(c).where(and(eq(c.workspaceId, workspaceId), eq(c.id, id)));
}

/**
 * The contact with this number, created with nothing but the number when there is none (a
 * concurrent creator of the same number wins the unique key, and its contact is returned).
 */
export async function findOrInsertContactByMobile(tx: Tx, values: typeof c.$inferInsert & { mobileNumber: string }) {
  const [created] = await tx
    .insert(c)
    .values(values)
    .onConflictDoNothing({ target: [c.workspaceId, c.mobileNumber] })
    .returning({ id: c.id });
  if (created) return { id: created.id, created: true };
  const [found] = await tx
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.workspaceId, values.workspaceId), eq(c.mobileNumber, values.mobileNumber)));
  if (!found) throw new Error(`no contact has ${values.mobileNumber} after a conflict on it`);
  return { id: found.id, created: false };
}

/**
 * Sets each contact's id at a vendor (its Annex Cloud member id, its Responsys RIID) in one
 * statement; a contact whose id is already that, or of another workspace, is left alone.
 */
export async function setVendorIds(
  runner: Db | Tx,
  workspaceId: string,
  column: "annexId" | "responsysRiid",
  entries: { contactId: string; id: string }[],
) {
  if (entries.length === 0) return;
  const target = c[column];
  const values = sql.join(
    entries.map((e) => sql`(${e.contactId}::uuid, ${e.id}::text)`),
    sql`, `,
  );
  await runner.execute(sql`
    update ${c} set ${sql.identifier(target.name)} = v.id
    from (values ${values}) as v(contact_id, id)
    where ${c.id} = v.contact_id and ${c.workspaceId} = ${workspaceId} and ${target} is distinct from v.id`);
}

/**
 * Opt-outs recorded in the ledger since the start of `firstDay` ("YYYY-MM-DD") in `timeZone`,
 * per day there and channel: read through consent_events_state_at_idx.
 */
export function countOptOutsByDay(db: Db, workspaceId: string, timeZone: string, firstDay: string) {
  const e = schema.consentEvents;
  const day = sql<string>`to_char(${e.at} at time zone ${timeZone}, 'YYYY-MM-DD')`;
  return (
    db
      .select({ day, channel: e.channel, n: sql<number>`count(*)`.mapWith(Number) })
      .from(e)
      .where(
        and(
          eq(e.workspaceId, workspaceId),
          eq(e.state, "opt_out"),
          sql`${e.at} >= ${firstDay}::timestamp at time zone ${timeZone}`,
        ),
      )
      // By position: the day expression's time zone is a parameter, and two parameters never match.
      .groupBy(sql`1`, e.channel)
  );
}

/** Inserts a contact unless its email or number is taken; null when it was. */
export async function insertContactUnlessTaken(tx: Tx, values: typeof c.$inferInsert) {
  const [created] = await tx.insert(c).values(values).onConflictDoNothing().returning({ id: c.id });
  return created?.id ?? null;
}
