import { getCountries, isSupportedCountry } from "libphonenumber-js/max";
import { expect, it } from "vitest";
import { isMobileCountry, mobileCountries } from "./mobile-countries";

it("lists exactly the regions libphonenumber-js reads numbers for", () => {
  expect([...mobileCountries]).toEqual(getCountries());
  expect(isMobileCountry("GB")).toBe(isSupportedCountry("GB"));
  expect(isMobileCountry("ZZ")).toBe(false);
  expect(isMobileCountry("gb")).toBe(false);
});
