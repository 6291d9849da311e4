import { placeholdersOf } from "./render";

/** The contact fields a template preview can fill a placeholder from. */
export type PreviewField = "firstName" | "lastName" | "mobileNumber" | "email";

// Named placeholders ({{first_name}}) say what they hold; squashed to letters before matching.
const byName: Record<string, PreviewField> = {
  firstname: "firstName",
  name: "firstName",
  lastname: "lastName",
  surname: "lastName",
  mobile: "mobileNumber",
  mobilenumber: "mobileNumber",
  phone: "mobileNumber",
  phonenumber: "mobileNumber",
  email: "email",
  emailaddress: "email",
};
// "Hi {{1}}", "Dear {{1}}", "Hola {{1}}": a greeting is followed by the first name.
const GREETING = /\b(hi|hello|hey|dear|hola|ol[aá]|oi|bonjour|hallo|ciao)[\s,]*$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{7,}$/;

/**
 * For each placeholder of a body (in order of first appearance), the contact field that fits it,
 * or null when none does and the preview keeps the template's sample value: a date, a time or a
 * product is no field of a contact, so "your appointment on {{2}}" never shows a surname.
 * A placeholder fits a field by its name, by the greeting just before it, or by the kind of its
 * sample value (an email address, a phone number).
 */
export function placeholderFields(body: string, sampleValues: readonly string[]): (PreviewField | null)[] {
  return placeholdersOf(body).map((key, i) => {
    const named = byName[key.toLowerCase().replace(/[^a-z]/g, "")];
    if (named) return named;
    const at = body.search(new RegExp(`\\{\\{\\s*${key}\\s*\\}\\}`));
    if (GREETING.test(body.slice(0, at))) return "firstName";
    const sample = sampleValues[i]?.trim() ?? "";
    if (EMAIL.test(sample)) return "email";
    if (PHONE.test(sample)) return "mobileNumber";
    return null;
  });
}
