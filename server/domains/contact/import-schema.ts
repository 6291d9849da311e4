import { z } from "zod";
import { isMobileCountry } from "./mobile-countries";

// Kept apart from schema.ts, which other work is changing at the same time; pure, so the import
// page's form uses it too.

export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;
export const IMPORT_PREVIEW_ROWS = 10;
// Stored per import; every error is still counted (counts.failed, counts.skipped and counts.optOutsKept).
export const IMPORT_MAX_ERRORS = 1000;

export const importModes = ["insert", "upsert"] as const;
export type ImportMode = (typeof importModes)[number];

/** What a column of the file can become. "attribute" stores it as a custom attribute named after the column. */
export const importFields = [
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
  "permissions.whatsapp",
  "permissions.sms",
  "permissions.email",
  "attribute",
] as const;
export type ImportField = (typeof importFields)[number];

export const importFieldLabels: Record<ImportField, string> = {
  mobileNumber: "Mobile number",
  mobileCountry: "Mobile country",
  email: "Email",
  firstName: "First name",
  lastName: "Last name",
  postalStreet1: "Street",
  postalStreet2: "Street, second line",
  city: "City",
  state: "State or region",
  postalCode: "Postal code",
  country: "Country",
  timeZone: "Time zone (IANA, e.g. Europe/Madrid)",
  annexId: "Annex Cloud id",
  "permissions.whatsapp": "WhatsApp permission",
  "permissions.sms": "SMS permission",
  "permissions.email": "Email permission",
  attribute: "Custom attribute (named after the column)",
};

/** Column header -> field; a column left out (or mapped to "") is ignored. */
export type ImportMapping = Record<string, ImportField>;

const isField = (v: string): v is ImportField => (importFields as readonly string[]).includes(v);

export const importMapping = z.record(z.string().max(200), z.string().max(100)).transform((raw, ctx) => {
  const mapping: ImportMapping = {};
  const columnsOf = new Map<ImportField, string[]>();
  for (const [column, target] of Object.entries(raw)) {
    if (!target) continue;
    if (!isField(target)) {
      ctx.addIssue({
        code: "custom",
        path: [column],
        message: `Column "${column}" is mapped to "${target}", which is not a contact field`,
      });
      continue;
    }
    mapping[column] = target;
    columnsOf.set(target, [...(columnsOf.get(target) ?? []), column]);
  }
  for (const [field, columns] of columnsOf) {
    if (field === "attribute" || columns.length < 2) continue;
    ctx.addIssue({
      code: "custom",
      path: [columns[1] ?? ""],
      message: `${importFieldLabels[field]} is mapped from more than one column: ${columns.map((c) => `"${c}"`).join(", ")}`,
    });
  }
  if (!columnsOf.has("mobileNumber") && !columnsOf.has("email")) {
    ctx.addIssue({
      code: "custom",
      path: [],
      message: "Map a column to Mobile number or Email: every contact needs one of them",
    });
  }
  return mapping;
});

export const startImportInput = z.object({
  id: z.uuid("This is not an import id"),
  mapping: importMapping,
  mode: z.enum(importModes),
  // ISO 3166-1 alpha-2; "" or absent: numbers without "+" need their row's mobile country.
  defaultMobileCountry: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === "" || isMobileCountry(v), "Choose the default mobile country from the list")
    .optional()
    .transform((v) => v || null),
});

export const getImportInput = z.object({
  id: z.uuid("This is not an import id"),
  errorOffset: z.number().int().min(0).max(IMPORT_MAX_ERRORS).default(0),
  errorLimit: z.number().int().min(1).max(200).default(100),
});

// Header names as people write them, squashed to letters and digits.
const synonyms: [ImportField, string[]][] = [
  [
    "mobileNumber",
    ["mobilenumber", "mobile", "phone", "phonenumber", "cell", "cellphone", "msisdn", "telephone", "tel"],
  ],
  ["mobileCountry", ["mobilecountry", "phonecountry"]],
  ["email", ["email", "emailaddress", "mail"]],
  ["firstName", ["firstname", "givenname", "forename", "first"]],
  ["lastName", ["lastname", "surname", "familyname", "last"]],
  ["postalStreet1", ["postalstreet1", "street", "street1", "address", "address1", "addressline1"]],
  ["postalStreet2", ["postalstreet2", "street2", "address2", "addressline2"]],
  ["city", ["city", "town"]],
  ["state", ["state", "region", "province", "county"]],
  ["postalCode", ["postalcode", "postcode", "zip", "zipcode"]],
  ["country", ["country", "countrycode"]],
  ["timeZone", ["timezone", "tz", "zone", "timezonename"]],
  ["annexId", ["annexid", "annexcloudid", "annexuserid", "loyaltyid"]],
  [
    "permissions.whatsapp",
    ["whatsapppermission", "whatsapppermissionstatus", "whatsapp", "whatsappoptin", "whatsappconsent"],
  ],
  ["permissions.sms", ["smspermission", "mobilepermissionstatus", "sms", "smsoptin", "smsconsent"]],
  ["permissions.email", ["emailpermission", "emailpermissionstatus", "emailoptin", "emailconsent"]],
];

/** A first guess from the header names; each field at most once, the first matching column wins. */
export function suggestMapping(columns: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const taken = new Set<ImportField>();
  for (const column of columns) {
    const key = column.toLowerCase().replace(/[^a-z0-9]/g, "");
    const field = synonyms.find(([f, names]) => !taken.has(f) && names.includes(key))?.[0];
    if (!field) continue;
    mapping[column] = field;
    taken.add(field);
  }
  return mapping;
}
