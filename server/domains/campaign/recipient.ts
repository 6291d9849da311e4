import { renderParts } from "../template/render";
import type { ContactField, ExclusionReason } from "./schema";
import type { PlaceholderMapping } from "@/db/schema";

/** What a send needs to know about one contact. */
export type Recipient = {
  id: string;
  mobileNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  // The stored IANA zone; null means the workspace's default (scheduled sends).
  timeZone?: string | null;
  attributes: Record<string, string | number | boolean | null>;
  consent: "opt_in" | "opt_out" | null;
};

export type CampaignRules = {
  optInField: string | null;
  placeholderMappings: PlaceholderMapping[];
  templateBody: string | null;
  smsBody: string | null;
};

const columnOf: Record<ContactField, Exclude<keyof Recipient, "attributes" | "consent">> = {
  first_name: "firstName",
  last_name: "lastName",
  email: "email",
  mobile_number: "mobileNumber",
  city: "city",
  state: "state",
  postal_code: "postalCode",
  country: "country",
};

export function fieldValue(contact: Recipient, field: string): string | null {
  const raw: string | number | boolean | null | undefined = field.startsWith("attr:")
    ? contact.attributes[field.slice(5)]
    : contact[columnOf[field as ContactField]];
  if (raw === null || raw === undefined) return null;
  const text = String(raw).trim();
  return text === "" ? null : text;
}

// What profile lists put in an opt-in column (Responsys's sample record has OPTIN = YES).
export const YES = new Set(["YES", "Y", "TRUE", "1", "OPT IN", "OPTIN", "OPT_IN", "I"]);

export type Eligibility =
  { ok: true; parameters: string[]; body: string } | { ok: false; reason: ExclusionReason; detail: string };

/**
 * Whether one contact may get this campaign now, and exactly what they would get. Consent is
 * read at the moment of asking, so the dry run, the queueing and the send itself each decide
 * on current data: someone who opts out after launch is not messaged.
 */
export function eligibility(rules: CampaignRules, contact: Recipient): Eligibility {
  if (!contact.mobileNumber) return { ok: false, reason: "invalid_number", detail: "The contact has no mobile number" };
  if (contact.consent === "opt_out")
    return { ok: false, reason: "opted_out", detail: "The contact opted out of this channel" };
  if (rules.optInField) {
    const value = fieldValue(contact, `attr:${rules.optInField}`);
    if (!value || !YES.has(value.toUpperCase()))
      return {
        ok: false,
        reason: "no_opt_in",
        detail: `${rules.optInField} is ${value ? `“${value}”` : "empty"}, not YES`,
      };
  } else if (contact.consent !== "opt_in") {
    return { ok: false, reason: "no_opt_in", detail: "No opt-in is recorded for this channel" };
  }
  const parameters: string[] = [];
  for (const [i, mapping] of rules.placeholderMappings.entries()) {
    const value = mapping.kind === "fixed" ? mapping.value : fieldValue(contact, mapping.field);
    if (!value)
      return {
        ok: false,
        reason: "missing_value",
        detail: `{{${i + 1}}} needs ${mapping.kind === "field" ? mapping.field : "a value"}, which is empty`,
      };
    parameters.push(value);
  }
  if (rules.templateBody !== null)
    return {
      ok: true,
      parameters,
      body: renderParts(rules.templateBody, parameters)
        .map((p) => p.text)
        .join(""),
    };
  // SMS: merge fields by name, e.g. {{first_name}} or {{attr:tier}}.
  const body = rules.smsBody ?? "";
  const merged: Record<string, string> = {};
  for (const match of body.matchAll(/\{\{\s*([A-Za-z0-9_:.-]+)\s*\}\}/g)) {
    const key = match[1] ?? "";
    const value = fieldValue(contact, key);
    if (!value) return { ok: false, reason: "missing_value", detail: `{{${key}}} is empty for this contact` };
    merged[key] = value;
  }
  return {
    ok: true,
    parameters: [],
    body: body.replace(/\{\{\s*([A-Za-z0-9_:.-]+)\s*\}\}/g, (_, key: string) => merged[key] ?? ""),
  };
}
