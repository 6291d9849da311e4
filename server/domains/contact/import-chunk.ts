import type { Db } from "@/db/client";
import type { CsvPosition } from "./csv";
import { importFilePath, readImportHeader, readImportRecords } from "./import-file";
import {
  emptyCounts,
  findContactsByIdentity,
  findImportForUpdate,
  insertContacts,
  updateImport,
} from "./import-queries";
import { readImportRow, rowConsent, type ImportedContact, type ImportError } from "./import-row";
import { IMPORT_MAX_ERRORS, type ImportField, type ImportMapping } from "./import-schema";
import { consentAddresses, restoreErasedOptOuts } from "./erased-opt-outs";
import { findAddressConsent, updateContactRow } from "./queries";
import { numberTimeZone } from "./derive-time-zone";
import { addressOf } from "./reads";
import { recordConsent } from "./record-consent";
import { channelNames, type Channel, type ConsentState } from "./schema";

// Rows per step and per transaction: big enough that a million rows stay well under Inngest's
// 1,000 steps per run (see import-contacts), small enough that one step takes seconds.
export const IMPORT_CHUNK_ROWS = 1000;

/** Where a chunk starts: the byte position in the file and how many data rows come before it. */
export type ChunkStart = { position: CsvPosition; index: number };

const plainFields = [
  "mobileNumber",
  "mobileCountry",
  "email",
  "firstName",
  "lastName",
  "postalStreet1",
  "postalStreet2",
  "city",
  "state",
  "postalCode",
  "country",
  "timeZone",
  "annexId",
] as const;
type PlainValues = Partial<Record<(typeof plainFields)[number], string>>;

// A contact the chunk writes: one already in the database (updated) or one the file adds.
// `stored` is its consent before this chunk, `consent` what the chunk's rows make of it.
type Entry = {
  contactId: string | null;
  line: number;
  // The stored contact's number and email (empty for a new one); `values` go over them.
  identity: PlainValues;
  values: PlainValues;
  attributes: Record<string, string | number | boolean | null>;
  stored: Map<Channel, ConsentState>;
  consent: Map<Channel, ConsentState>;
  planned: boolean;
};

const labels = { mobileNumber: "mobile number", email: "email" } as const;

function plainValues(contact: ImportedContact): PlainValues {
  const values: PlainValues = {};
  // An empty cell leaves a stored value as it is: a file with fewer columns must not wipe data.
  for (const field of plainFields) if (contact[field]) values[field] = contact[field];
  return values;
}

/**
 * One chunk of an import, in one transaction: validate each row with the New record rules,
 * match it to a contact by mobile number or email (either identifies one contact per
 * workspace), insert or update, record the consent columns as ledger events with source
 * "import" and the import id as evidence, and move the import's counts and errors on. A file
 * never turns an opt-out into an opt-in (only contact.resubscribe does, with evidence): that
 * value is left out, the rest of its row applied, and the line listed with the reason and
 * counted in optOutsKept. A chunk commits whole or not at all, so after a failure the counts
 * say exactly which rows were applied. Returns where the next chunk starts (null at the end)
 * and the ids of new contacts.
 */
export async function importChunk(db: Db, importId: string, start: ChunkStart, size = IMPORT_CHUNK_ROWS) {
  const file = importFilePath(importId);
  const { columns } = await readImportHeader(file);
  const { records, next } = await readImportRecords(file, start.position, size);
  const following = next ? { position: next, index: start.index + records.length } : null;
  if (records.length === 0) return { next: null, workspaceId: null, inserted: [] as string[] };

  return db.transaction(async (tx) => {
    const job = await findImportForUpdate(tx, importId);
    if (job?.status !== "importing") return { next: null, workspaceId: null, inserted: [] as string[] };
    const counts = { ...emptyCounts(), ...job.counts };
    // A retried step whose transaction had already committed: never apply a chunk twice.
    if (counts.processed > start.index)
      return { next: following, workspaceId: job.workspaceId, inserted: [] as string[] };
    if (counts.processed < start.index)
      throw new Error(
        `Import ${importId} has ${counts.processed} rows processed, but this chunk starts at row ${start.index}`,
      );

    const mapping = job.mapping as ImportMapping;
    const columnOf = (field: ImportField) => Object.keys(mapping).find((c) => mapping[c] === field) ?? field;
    const errors: ImportError[] = [];
    const valid: { line: number; contact: ImportedContact }[] = [];
    for (const row of records.map((r) => readImportRow(columns, mapping, r, job.defaultMobileCountry))) {
      if (row.ok) valid.push(row);
      else {
        errors.push(...row.errors);
        counts.failed++;
      }
    }

    const existing = await findContactsByIdentity(
      tx,
      job.workspaceId,
      [...new Set(valid.flatMap((r) => (r.contact.mobileNumber ? [r.contact.mobileNumber] : [])))],
      [...new Set(valid.flatMap((r) => (r.contact.email ? [r.contact.email] : [])))],
    );
    // Consent belongs to numbers and emails, whether or not a contact has them yet; an erased
    // contact's opt-out of one, kept as a hash, is put back in the ledger first, so it is kept.
    const numbers = [
      ...new Set([
        ...valid.flatMap((r) => (r.contact.mobileNumber ? [r.contact.mobileNumber] : [])),
        ...existing.flatMap((e) => (e.mobileNumber ? [e.mobileNumber] : [])),
      ]),
    ];
    const emails = [
      ...new Set([
        ...valid.flatMap((r) => (r.contact.email ? [r.contact.email] : [])),
        ...existing.flatMap((e) => (e.email ? [e.email] : [])),
      ]),
    ];
    await restoreErasedOptOuts(tx, job.workspaceId, consentAddresses(numbers, emails));
    const known = await findAddressConsent(tx, job.workspaceId, numbers, emails);
    const addressIn = (identity: PlainValues, channel: Channel) =>
      addressOf({ mobileNumber: identity.mobileNumber ?? null, email: identity.email ?? null }, channel);
    const storedFor = (identity: PlainValues) => {
      const stored = new Map<Channel, ConsentState>();
      for (const row of known) if (row.address === addressIn(identity, row.channel)) stored.set(row.channel, row.state);
      return stored;
    };
    const owners = new Map<string, Entry>();
    const own = (entry: Entry, values: PlainValues) => {
      if (values.mobileNumber) owners.set(`m:${values.mobileNumber}`, entry);
      if (values.email) owners.set(`e:${values.email}`, entry);
    };
    for (const contact of existing) {
      const identity = {
        mobileNumber: contact.mobileNumber ?? undefined,
        email: contact.email ?? undefined,
        timeZone: contact.timeZone ?? undefined,
      };
      const stored = storedFor(identity);
      own(
        {
          contactId: contact.id,
          line: 0,
          identity,
          values: {},
          attributes: { ...contact.attributes },
          stored,
          consent: new Map(stored),
          planned: false,
        },
        identity,
      );
    }
    /** The row's consent over the entry's, except that a file never opts an opted-out address back in. */
    const applyConsent = (target: Entry, line: number, consent: ReturnType<typeof rowConsent>) => {
      for (const c of consent) {
        if (c.state === "opt_in" && target.consent.get(c.channel) === "opt_out") {
          errors.push({
            line,
            field: columnOf(`permissions.${c.channel}`),
            reason: `Kept opted out: ${channelNames[c.channel]} opted out, and an import does not opt it back in (the rest of the row was imported). An admin can re-subscribe it on the contact page, with how the customer gave consent.`,
          });
          counts.optOutsKept = (counts.optOutsKept ?? 0) + 1;
        } else target.consent.set(c.channel, c.state);
      }
    };

    const inserts: Entry[] = [];
    const updates: Entry[] = [];
    for (const { line, contact } of valid) {
      const values = plainValues(contact);
      const byMobile = values.mobileNumber ? owners.get(`m:${values.mobileNumber}`) : undefined;
      const byEmail = values.email ? owners.get(`e:${values.email}`) : undefined;
      if (byMobile && byEmail && byMobile !== byEmail) {
        const where = byEmail.contactId
          ? "another contact than the one with this mobile number"
          : `line ${byEmail.line}, with another mobile number`;
        errors.push({ line, field: columnOf("email"), reason: `This email belongs to ${where}` });
        counts.failed++;
        continue;
      }
      const target = byMobile ?? byEmail;
      const attributes = Object.fromEntries((contact.attributes ?? []).map((a) => [a.key, a.value]));
      const consent = rowConsent(contact);
      if (!target) {
        const stored = storedFor(values);
        const entry: Entry = {
          contactId: null,
          line,
          identity: {},
          values,
          attributes,
          stored,
          consent: new Map(stored),
          planned: true,
        };
        applyConsent(entry, line, consent);
        inserts.push(entry);
        own(entry, values);
        counts.inserted++;
        continue;
      }
      const matched = byMobile ? "mobileNumber" : "email";
      if (job.mode === "insert") {
        const reason = target.contactId
          ? `A contact with this ${labels[matched]} already exists; insert only leaves it unchanged`
          : `Duplicate of line ${target.line}: the same ${labels[matched]}`;
        errors.push({ line, field: columnOf(matched), reason });
        counts.skipped++;
        continue;
      }
      // Insert or update: the row's values go over the contact's, as if the rows were applied in order.
      target.values = { ...target.values, ...values };
      target.attributes = { ...target.attributes, ...attributes };
      applyConsent(target, line, consent);
      own(target, values);
      if (!target.planned) {
        target.planned = true;
        target.line = line;
        updates.push(target);
      }
      counts.updated++;
    }

    // A contact left without a zone gets its number's country's, when that country has one
    // (derive-time-zone), stored so the scheduler's per-zone queries see it.
    for (const entry of [...updates, ...inserts]) {
      const merged = { ...entry.identity, ...entry.values };
      const zone = merged.timeZone ? null : numberTimeZone(merged.mobileNumber);
      if (zone) entry.values.timeZone = zone;
    }
    for (const entry of updates)
      await updateContactRow(tx, entry.contactId ?? "", { ...entry.values, attributes: entry.attributes });
    const created = await insertContacts(
      tx,
      inserts.map((e) => ({ ...e.values, workspaceId: job.workspaceId, attributes: e.attributes })),
    );
    // Matched back by identity: each new contact has a mobile number or an email no other row has.
    const createdIds = new Map<string, string>();
    for (const c of created) {
      if (c.mobileNumber) createdIds.set(`m:${c.mobileNumber}`, c.id);
      if (c.email) createdIds.set(`e:${c.email}`, c.id);
    }
    for (const entry of inserts)
      entry.contactId =
        createdIds.get(`m:${entry.values.mobileNumber}`) ?? createdIds.get(`e:${entry.values.email}`) ?? null;

    for (const entry of [...updates, ...inserts]) {
      for (const [channel, state] of entry.consent) {
        if (!entry.contactId || entry.stored.get(channel) === state) continue;
        const address = addressIn({ ...entry.identity, ...entry.values }, channel);
        if (!address) {
          errors.push({
            line: entry.line,
            field: columnOf(`permissions.${channel}`),
            reason: `Not recorded: ${channelNames[channel]} consent belongs to ${channel === "email" ? "an email address" : "a mobile number"}, and this contact has none`,
          });
          continue;
        }
        await recordConsent(tx, {
          workspaceId: job.workspaceId,
          channel,
          address,
          contactId: entry.contactId,
          state,
          source: "import",
          actorUserId: job.createdBy,
          evidence: importId,
        });
      }
    }

    counts.processed += records.length;
    const stored =
      job.errors.length < IMPORT_MAX_ERRORS
        ? [...job.errors, ...errors.sort((a, b) => a.line - b.line)].slice(0, IMPORT_MAX_ERRORS)
        : job.errors;
    await updateImport(tx, importId, { counts, errors: stored });
    return {
      next: following,
      workspaceId: job.workspaceId,
      inserted: inserts.flatMap((e) => (e.contactId ? [e.contactId] : [])),
    };
  });
}
