import { getCountries } from "libphonenumber-js/max";
import type { Channel, ConsentSource, ConsentState } from "@/server/domains/contact/schema";

export const channelLabels: Record<Channel, string> = { whatsapp: "WhatsApp", sms: "SMS", email: "Email" };
export const stateLabels: Record<ConsentState, string> = { opt_in: "Opted in", opt_out: "Opted out" };
export const sourceLabels: Record<ConsentSource, string> = {
  import: "Import",
  form: "Form",
  keyword: "Keyword",
  vendor_unsubscribe: "Vendor unsubscribe",
  admin: "Admin",
  api: "API",
};

// Country names come from the runtime's ICU data, which can differ slightly between the
// server and the browser; the options that show them suppress the hydration warning.
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
export const countryName = (code: string) => regionNames.of(code) ?? code;
export const countryOptions = getCountries()
  .map((code) => ({ code, name: countryName(code) }))
  .sort((a, b) => a.name.localeCompare(b.name, "en"));

export const displayName = (c: { firstName: string | null; lastName: string | null }) =>
  [c.firstName, c.lastName].filter(Boolean).join(" ");
