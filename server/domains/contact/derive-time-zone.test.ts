import { describe, expect, it } from "vitest";
import { isTimeZone } from "../../lib/time-zones";
import { countryTimeZone, numberTimeZone } from "./derive-time-zone";

describe("a contact's time zone from its number's country (countries-and-timezones)", () => {
  it("gives the zone of a country with one clock, in this server's spelling", () => {
    // Germany also lists Europe/Zurich (Büsingen), which keeps the same time: Berlin is Germany's own.
    expect(countryTimeZone("DE")).toBe("Europe/Berlin");
    expect(countryTimeZone("fr")).toBe("Europe/Paris");
    expect(countryTimeZone("GB")).toBe("Europe/London");
    // Merged into Brussels by the tz database; the country's own name is kept.
    expect(countryTimeZone("NL")).toBe("Europe/Amsterdam");
    // Asia/Kolkata in the dataset; whatever this runtime calls it, it is a zone the server accepts.
    const india = countryTimeZone("IN");
    expect(india === null ? null : isTimeZone(india)).toBe(true);
  });

  it("gives none for a country with several clocks or an unknown one: the workspace default applies", () => {
    expect(countryTimeZone("US")).toBeNull();
    expect(countryTimeZone("ES")).toBeNull(); // the Canaries are an hour behind
    expect(countryTimeZone("BR")).toBeNull();
    expect(countryTimeZone("ZZ")).toBeNull();
  });

  it("reads the country from an E.164 number", () => {
    expect(numberTimeZone("+4915112345678")).toBe("Europe/Berlin");
    expect(numberTimeZone("+33612345678")).toBe("Europe/Paris");
    expect(numberTimeZone("+12025550143")).toBeNull();
    expect(numberTimeZone(null)).toBeNull();
    expect(numberTimeZone("12345")).toBeNull();
  });
});
