// Where a contact's time zone comes from when nobody gave one: the country of its mobile number,
// when that country keeps one clock. The country -> zone data is countries-and-timezones (npm,
// built from the IANA tz database), pinned in package.json; it is not a table kept here.
import { getCountry, getTimezone } from "countries-and-timezones";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { isTimeZone } from "../../lib/time-zones";

/**
 * The one zone of an ISO 3166-1 alpha-2 country, or null when it has several clocks (US, ES with
 * the Canaries, BR…) or is unknown. Several zone names that keep the same time (Germany: Berlin,
 * and Zurich for Büsingen) count as one clock: the zone whose principal country it is wins.
 * A zone the tz database has merged into a neighbour's keeps the country's own name where one
 * exists (Netherlands: Europe/Amsterdam, not Europe/Brussels). The name is spelled as this
 * server's zone list spells it (Asia/Kolkata -> Asia/Calcutta), so contact.update and the
 * scheduler's per-zone queries see the same name.
 */
export function countryTimeZone(country: string): string | null {
  const code = country.toUpperCase();
  const zones = (getCountry(code)?.timezones ?? []).flatMap((name) => {
    const zone = getTimezone(name);
    return zone ? [zone] : [];
  });
  const first = zones[0];
  if (!first) return null;
  if (zones.some((z) => z.utcOffset !== first.utcOffset || z.dstOffset !== first.dstOffset)) return null;
  const own = zones.filter((z) => z.countries[0] === code);
  const chosen = zones.length === 1 ? first : own.length === 1 ? own[0] : null;
  if (!chosen) return null;
  const alias = (getCountry(code, { deprecated: true })?.timezones ?? []).find((name) => {
    const zone = getTimezone(name);
    return zone?.aliasOf === chosen.name && zone.countries.length === 1 && zone.countries[0] === code;
  });
  return (alias && chosen.countries[0] !== code && runtimeName(alias)) || runtimeName(chosen.name);
}

function runtimeName(zone: string): string | null {
  if (isTimeZone(zone)) return zone;
  try {
    const canonical = new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
    return isTimeZone(canonical) ? canonical : null;
  } catch {
    return null;
  }
}

/** The zone of an E.164 number's country (countryTimeZone), or null for none or several. */
export function numberTimeZone(mobileNumber: string | null | undefined): string | null {
  if (!mobileNumber) return null;
  const country = parsePhoneNumberFromString(mobileNumber)?.country;
  return country ? countryTimeZone(country) : null;
}
