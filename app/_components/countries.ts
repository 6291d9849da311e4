import { mobileCountries } from "@/server/domains/contact/mobile-countries";

// Country names come from the runtime's ICU data, which can differ slightly between the
// server and the browser; the options that show them suppress the hydration warning.
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
export const countryName = (code: string) => regionNames.of(code) ?? code;

/** The countries mobile numbers can be read for, by name, for a select. */
export const countryOptions = mobileCountries
  .map((code) => ({ code, name: countryName(code) }))
  .sort((a, b) => a.name.localeCompare(b.name, "en"));
