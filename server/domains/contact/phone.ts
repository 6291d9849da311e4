// The "max" metadata validates numbers against each country's real number plans; the smaller
// default ("min") only checks lengths and accepts numbers such as +49 12345.
import { isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js/max";

export type NormalisedPhone = { ok: true; e164: string } | { ok: false; message: string };

const phoneExample = "+44 7911 123456";

/**
 * A mobile number in E.164 (+ country code, digits only), as stored in contacts.mobile_number.
 * `defaultCountry` (ISO 3166-1 alpha-2, the contact's mobile country) is the region used for
 * numbers written without "+" or an international prefix, e.g. 07911 123456 with GB.
 */
export function normalisePhone(raw: string, defaultCountry?: string | null): NormalisedPhone {
  const text = raw.trim();
  if (!text) return { ok: false, message: "Enter a mobile number" };
  const region = defaultCountry?.trim().toUpperCase();
  const country = region && isSupportedCountry(region) ? region : undefined;
  const international = text.startsWith("+");
  if (!international && !country) {
    return {
      ok: false,
      message: `Start with + and the country code (e.g. ${phoneExample}), or choose the mobile country`,
    };
  }
  // extract: false refuses text around the number ("call 0791…"), which would otherwise be dropped silently.
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: country, extract: false });
  if (!parsed?.isValid()) {
    return {
      ok: false,
      message:
        international || !country
          ? `This is not a valid mobile number; use the international format, e.g. ${phoneExample}`
          : `This is not a valid number for ${country}; check the digits, or start with + and the country code`,
    };
  }
  if (parsed.ext) return { ok: false, message: "Remove the extension: a mobile number has none" };
  return { ok: true, e164: parsed.number };
}
