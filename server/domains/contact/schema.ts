import { z } from "zod";
import { pageInput } from "../../lib/page-input";
import { isTimeZone } from "../../lib/time-zones";
import { isMobileCountry } from "./mobile-countries";
import type { normalisePhone } from "./phone";

// Mirrors db/schema/contacts.ts (channel, consent_source); kept here so client forms need no db code.
export const channels = ["whatsapp", "sms", "email"] as const;
export type Channel = (typeof channels)[number];
// How server messages name a channel.
export const channelNames: Record<Channel, string> = { whatsapp: "WhatsApp", sms: "SMS", email: "Email" };
export const consentStates = ["opt_in", "opt_out"] as const;
export type ConsentState = (typeof consentStates)[number];
export const consentSources = ["import", "form", "keyword", "vendor_unsubscribe", "admin", "api"] as const;
export type ConsentSource = (typeof consentSources)[number];

export const contactSorts = ["created", "name", "modified"] as const;
export type ContactSort = (typeof contactSorts)[number];
export const sortDirections = ["asc", "desc"] as const;

export const listContactsInput = pageInput.extend({
  // Prefix of a first or last name, an email address or a mobile number.
  search: z.string().trim().max(100, "Search for at most 100 characters").default(""),
  sort: z.enum(contactSorts).default("created"),
  // Not "direction": tRPC's infinite queries put their page direction (forward/backward) there.
  order: z.enum(sortDirections).default("desc"),
  // Only contacts whose current consent on the channel is this (the dashboard's links).
  consent: z.object({ channel: z.enum(channels), state: z.enum(consentStates) }).optional(),
});
export type ConsentFilter = NonNullable<z.infer<typeof listContactsInput>["consent"]>;

export const contactIdInput = z.object({ id: z.uuid("This is not a contact id") });

// Form inputs send "" for an empty box: it is stored as null. Undefined stays undefined, so an
// update's `data` can tell "leave as is" (absent) from "clear" ("" or null).
const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z.union([
      z.literal(""),
      z
        .email("Enter a valid email address, e.g. name@example.com")
        .max(254, "An email address has at most 254 characters"),
    ]),
  )
  .nullish()
  .transform((v) => (v === undefined ? undefined : v || null));

const country = (check: (code: string) => boolean, message: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === "" || check(v), message)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));

// An IANA name exactly as this server's list spells it; "" or null clears it (the number's
// country's zone, else the workspace default, applies).
const timeZone = z
  .string()
  .trim()
  .refine((v) => v === "" || isTimeZone(v), "Choose a time zone from the list: an IANA name such as Europe/Madrid")
  .nullish()
  .transform((v) => (v === undefined ? undefined : v || null));

// "" is "leave it": the consent ledger has no "unknown" state to go back to.
const permission = z
  .union([z.literal(""), z.enum(consentStates)])
  .optional()
  .transform((v) => v || undefined);

// Standard profile-list columns (Responsys's "New Record" form): a custom attribute may not shadow them.
const STANDARD_COLUMNS = new Set([
  "MOBILE_NUMBER",
  "MOBILE_COUNTRY",
  "MOBILE_PERMISSION_STATUS",
  "EMAIL",
  "EMAIL_ADDRESS",
  "FIRST_NAME",
  "LAST_NAME",
  "POSTAL_STREET_1",
  "POSTAL_STREET_2",
  "CITY",
  "STATE",
  "POSTAL_CODE",
  "COUNTRY",
  "CREATED_DATE",
  "MODIFIED_DATE",
]);
export const attributeKeyPattern = /^[A-Za-z][A-Za-z0-9_]*$/;

const attributeRow = z.object({
  key: z.string().trim().max(64, "An attribute name has at most 64 characters"),
  value: z.string().trim().max(1000, "An attribute value has at most 1,000 characters"),
});

// Key/value rows as the form edits them; blank rows are dropped. Issues point at the row's
// original index so the form shows them next to the right input.
const attributes = z
  .array(attributeRow)
  .max(100, "A contact can have at most 100 custom attributes")
  .transform((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      if (!row.key && !row.value) return;
      const upper = row.key.toUpperCase();
      const message = !row.key
        ? "Name this attribute, or clear its value"
        : !attributeKeyPattern.test(row.key)
          ? "Use letters, digits and _, starting with a letter"
          : STANDARD_COLUMNS.has(upper)
            ? `${upper} is a standard field: use the field above`
            : seen.has(upper)
              ? "Another attribute already has this name"
              : null;
      seen.add(upper);
      if (message) ctx.addIssue({ code: "custom", path: [i, "key"], message });
    });
    return rows.filter((row) => row.key);
  });

export const contactFields = z.object({
  mobileNumber: text(40, "A mobile number"),
  mobileCountry: country(isMobileCountry, "Choose the mobile country from the list"),
  email,
  firstName: text(100, "A first name"),
  lastName: text(100, "A last name"),
  postalStreet1: text(200, "A street line"),
  postalStreet2: text(200, "A street line"),
  city: text(100, "A city"),
  state: text(100, "A state"),
  postalCode: text(20, "A postal code"),
  country: country((v) => /^[A-Z]{2}$/.test(v), "Choose the country from the list"),
  timeZone,
  // The member's id at Annex Cloud: the loyalty program reads a member by it, so a member
  // without an email is reached too (it also learns the id from Annex Cloud's answers).
  annexId: text(100, "An Annex Cloud id"),
  attributes: attributes.optional(),
  permissions: z.object({ whatsapp: permission, sms: permission, email: permission }).optional(),
});
export type ContactFields = z.output<typeof contactFields>;

/**
 * The new-record and edit forms: with `phone` (the server's normalisePhone), the number is
 * validated and normalised to E.164 with the mobile country as the default region. The browser's
 * forms leave it out, and with it libphonenumber's metadata; the server's answer names the field.
 * `storedMobileNumber` is the contact's current number, accepted unchanged without
 * re-validation, so a number imported before validation existed does not block edits to other fields.
 */
export function contactForm(storedMobileNumber?: string | null, phone?: typeof normalisePhone) {
  return contactFields
    .superRefine(
      (v, ctx) => {
        if (!v.mobileNumber && !v.email) {
          ctx.addIssue({
            code: "custom",
            path: ["mobileNumber"],
            message: "Enter a mobile number or an email address",
          });
          return;
        }
        if (!phone || !v.mobileNumber || v.mobileNumber === storedMobileNumber) return;
        const number = phone(v.mobileNumber, v.mobileCountry);
        if (!number.ok) ctx.addIssue({ code: "custom", path: ["mobileNumber"], message: number.message });
      },
      // Also when other fields are wrong, so every error shows at once; not when the number or
      // the country failed their own checks. (A wrong email is still non-empty here.)
      {
        when: (payload) =>
          !payload.issues.some((i) => i.path?.[0] === "mobileNumber" || i.path?.[0] === "mobileCountry"),
      },
    )
    .transform((v) => {
      if (!phone || !v.mobileNumber || v.mobileNumber === storedMobileNumber) return v;
      const number = phone(v.mobileNumber, v.mobileCountry);
      return number.ok ? { ...v, mobileNumber: number.e164 } : v;
    });
}

/**
 * Only the fields present in `data` change; "" or null clears one. The number is normalised
 * (and validated, unless unchanged) by the use case, which knows the stored mobile country to
 * read a national number with.
 */
export const updateContactInput = z.object({ id: z.uuid("This is not a contact id"), data: contactFields.partial() });

/** How a customer who opted out gave their consent again; a re-subscribe must name one. */
export const resubscribeSources = ["keyword", "signed_form", "verbal", "other"] as const;
export type ResubscribeSource = (typeof resubscribeSources)[number];
export const resubscribeSourceLabels: Record<ResubscribeSource, string> = {
  keyword: "The customer texted START (or ALTA, or another opt-in word)",
  signed_form: "The customer signed a form",
  verbal: "The customer said so (a call or in person)",
  other: "Other",
};

/**
 * Opts a channel that opted out back in (contact.resubscribe, admins only): the only way an
 * opt-out becomes an opt-in from the portal, with the source and the evidence on record.
 */
export const resubscribeInput = z.object({
  id: z.uuid("This is not a contact id"),
  channel: z.enum(channels, "Choose the channel to re-subscribe"),
  source: z.enum(resubscribeSources, "Choose how the customer gave their consent"),
  reason: z
    .string()
    .trim()
    .min(10, "Say what shows the customer's consent: when and how they gave it (at least 10 characters)")
    .max(500, "Keep the evidence to at most 500 characters"),
});

/** The word that confirms an erasure when the contact has no number to type. */
export const eraseConfirmationWord = "ERASE";

// contact.erase: the admin types the contact's mobile number (as shown) or ERASE, as a check
// that they mean this contact; the server compares it again.
export const eraseContactInput = z.object({
  id: z.uuid("This is not a contact id"),
  confirmation: z.string().trim().min(1, `Type the contact's mobile number or ${eraseConfirmationWord}`).max(100),
});
