import { createHash } from "node:crypto";
import type { ExportColumn, IdMapping, ResponsysIdentifier } from "./schema";

/** What an export reads of a contact. */
export type ExportContact = { id: string; attributes: Record<string, string | number | boolean | null> } & {
  [K in ExportColumn]: string | null;
};

/** A contact field's value as text; attributes.<key> reads a custom attribute. Empty when unset. */
export function fieldValue(contact: ExportContact, field: string): string {
  if (field.startsWith("attributes.")) {
    const value = contact.attributes[field.slice("attributes.".length)];
    return value === null || value === undefined ? "" : String(value);
  }
  return contact[field as ExportColumn] ?? "";
}

/** SHA-256 in hex of the trimmed, lower-cased value, as Responsys computes EMAIL_SHA256_HASH_. */
export const sha256 = (value: string) => createHash("sha256").update(value.trim().toLowerCase()).digest("hex");

/** Responsys wants mobile numbers as digits with the country code, no "+". */
const responsysValue = (identifier: ResponsysIdentifier, value: string) =>
  identifier === "MOBILE_NUMBER_" ? value.replace(/^\+/, "") : value;

/** The identifier fields of one member, hashed where the mapping asks; empty values stay empty. */
export function identifierRecord(contact: ExportContact, mappings: IdMapping[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const m of mappings) {
    const raw = responsysValue(m.identifier, fieldValue(contact, m.field).trim());
    record[m.identifier] = raw && m.hash ? sha256(raw) : raw;
  }
  return record;
}

/** Responsys column names for contact fields: attributes.plan_tier -> PLAN_TIER, firstName -> FIRST_NAME. */
export function columnName(field: string): string {
  const bare = field.startsWith("attributes.") ? field.slice("attributes.".length) : field;
  return bare
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9_]/g, "_")
    .toUpperCase();
}

/** A segment's name as an extension-table column: letters, digits and underscores, a letter first, at most 30. */
export function segmentColumn(name: string): string {
  const cleaned = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
  return (/^[A-Z]/.test(cleaned) ? cleaned : `S_${cleaned}`).slice(0, 30);
}
