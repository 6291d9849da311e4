import { describe, expect, it } from "vitest";
import { eligibility, type Recipient } from "./recipient";

const ana: Recipient = {
  id: "c1",
  mobileNumber: "+4915110000001",
  firstName: "Ana",
  lastName: null,
  email: null,
  city: "Berlin",
  state: null,
  postalCode: null,
  country: "DE",
  attributes: { OPTIN: "YES", tier: "gold" },
  consent: "opt_in",
};
const template = {
  optInField: null,
  placeholderMappings: [
    { kind: "field" as const, field: "first_name" },
    { kind: "fixed" as const, value: "Mitto" },
  ],
  templateBody: "Dear {{1}}, welcome to {{2}}.",
  smsBody: null,
};

describe("eligibility", () => {
  it("fills the template from the contact and fixed values", () => {
    expect(eligibility(template, ana)).toEqual({
      ok: true,
      parameters: ["Ana", "Mitto"],
      body: "Dear Ana, welcome to Mitto.",
    });
  });

  it("names why a contact is left out", () => {
    expect(eligibility(template, { ...ana, mobileNumber: null })).toMatchObject({
      ok: false,
      reason: "invalid_number",
    });
    expect(eligibility(template, { ...ana, consent: "opt_out" })).toMatchObject({ ok: false, reason: "opted_out" });
    expect(eligibility(template, { ...ana, consent: null })).toMatchObject({
      ok: false,
      reason: "no_opt_in",
      detail: "No opt-in is recorded for this channel",
    });
    expect(eligibility(template, { ...ana, firstName: "  " })).toMatchObject({
      ok: false,
      reason: "missing_value",
      detail: "{{1}} needs first_name, which is empty",
    });
  });

  it("reads the opt-in field when the campaign names one, and an opt-out still wins", () => {
    const rules = { ...template, optInField: "OPTIN" };
    expect(eligibility(rules, { ...ana, consent: null })).toMatchObject({ ok: true });
    expect(eligibility(rules, { ...ana, attributes: { OPTIN: "no" } })).toMatchObject({
      ok: false,
      reason: "no_opt_in",
      detail: "OPTIN is “no”, not YES",
    });
    expect(eligibility(rules, { ...ana, consent: "opt_out" })).toMatchObject({ ok: false, reason: "opted_out" });
  });

  it("merges SMS fields by name, custom attributes included", () => {
    const sms = {
      optInField: null,
      placeholderMappings: [],
      templateBody: null,
      smsBody: "Hi {{first_name}}, you are {{ attr:tier }} in {{city}}.",
    };
    expect(eligibility(sms, ana)).toEqual({ ok: true, parameters: [], body: "Hi Ana, you are gold in Berlin." });
    expect(eligibility(sms, { ...ana, city: null })).toMatchObject({
      ok: false,
      reason: "missing_value",
      detail: "{{city}} is empty for this contact",
    });
  });
});
