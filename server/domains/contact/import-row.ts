import type { z } from "zod";
import type { CsvRecord } from "./csv";
import { importFieldLabels, type ImportField, type ImportMapping } from "./import-schema";
import { createContactInput } from "./create-contact-input";
import { channels, type Channel, type ConsentState } from "./schema";

export type ImportError = { line: number; field: string; reason: string };
export type ImportedContact = z.output<typeof createContactInput>;
export type RowResult =
  { ok: true; line: number; contact: ImportedContact } | { ok: false; line: number; errors: ImportError[] };

// Spellings of a permission seen in exported lists (Responsys writes I and O).
const optIn = new Set([
  "opt_in",
  "optin",
  "opt-in",
  "opt in",
  "opted in",
  "i",
  "in",
  "yes",
  "y",
  "true",
  "1",
  "subscribed",
]);
const optOut = new Set([
  "opt_out",
  "optout",
  "opt-out",
  "opt out",
  "opted out",
  "o",
  "out",
  "no",
  "n",
  "false",
  "0",
  "unsubscribed",
]);

function permission(raw: string): ConsentState | "" | null {
  const value = raw.trim().toLowerCase();
  if (!value) return "";
  if (optIn.has(value)) return "opt_in";
  if (optOut.has(value)) return "opt_out";
  return null;
}

/**
 * One data row of the file as a contact, validated by the same rules as the New record form
 * (createContactInput), or every reason it is not one. Errors name the file's column, which is
 * what the person fixing the file sees; `line` is the file's line number. `defaultMobileCountry`
 * is the import's: the mobile country of a row whose number has no "+" and which names none.
 */
export function readImportRow(
  columns: string[],
  mapping: ImportMapping,
  record: CsvRecord,
  defaultMobileCountry: string | null = null,
): RowResult {
  const { line, fields } = record;
  const rowError = (reason: string): RowResult => ({ ok: false, line, errors: [{ line, field: "row", reason }] });
  if (record.problem) return rowError(record.problem);
  // Trailing empty cells (a spreadsheet's trailing commas) are harmless; anything else shifts columns.
  if (fields.length < columns.length || fields.slice(columns.length).some((f) => f.trim() !== "")) {
    return rowError(`This row has ${fields.length} columns; the header has ${columns.length}`);
  }

  const errors: ImportError[] = [];
  const input: Record<string, unknown> = {};
  const permissions: Partial<Record<Channel, ConsentState | "">> = {};
  const attributes: { key: string; value: string }[] = [];
  const columnOf = new Map<string, string>();
  const attributeColumns: string[] = [];
  columns.forEach((column, i) => {
    const target = mapping[column];
    if (!target) return;
    const value = fields[i] ?? "";
    columnOf.set(target, column);
    if (target === "attribute") {
      attributes.push({ key: column.trim(), value });
      attributeColumns.push(column);
    } else if (target.startsWith("permissions.")) {
      const state = permission(value);
      if (state === null)
        errors.push({
          line,
          field: column,
          reason: `"${value.trim()}" is not a permission: use opt_in or opt_out (or I/O, yes/no)`,
        });
      else permissions[target.slice("permissions.".length) as Channel] = state;
    } else {
      input[target] = value;
    }
  });
  input.attributes = attributes;
  input.permissions = permissions;
  const number = typeof input.mobileNumber === "string" ? input.mobileNumber.trim() : "";
  const ownCountry = typeof input.mobileCountry === "string" ? input.mobileCountry.trim() : "";
  if (defaultMobileCountry && number && !number.startsWith("+") && !ownCountry)
    input.mobileCountry = defaultMobileCountry;

  const parsed = createContactInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, second] = issue.path;
      let field: string;
      if (head === "attributes" && typeof second === "number") field = attributeColumns[second] ?? "attributes";
      else if (head === "permissions" && typeof second === "string")
        field = columnOf.get(`permissions.${second}`) ?? second;
      else {
        const target = String(head ?? "") as ImportField;
        // "Enter a mobile number or an email address" sits on the mobile number, which may not be mapped.
        field =
          columnOf.get(target) ??
          (target === "mobileNumber" ? columnOf.get("email") : undefined) ??
          importFieldLabels[target] ??
          "row";
      }
      errors.push({ line, field, reason: issue.message });
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, line, errors };
  return { ok: true, line, contact: parsed.data };
}

/** The consent a row states, per channel. */
export const rowConsent = (contact: ImportedContact) =>
  channels.flatMap((channel) => {
    const state = contact.permissions?.[channel];
    return state ? [{ channel, state }] : [];
  });
