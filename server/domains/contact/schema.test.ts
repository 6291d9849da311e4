import { describe, expect, it } from "vitest";
import { createContactInput } from "./create-contact-input";
import { normalisePhone } from "./phone";
import { contactForm, listContactsInput, updateContactInput } from "./schema";

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("contact schemas (shared by the forms and the API)", () => {
  it("normalises what the New record form sends", () => {
    const parsed = createContactInput.parse({
      mobileNumber: " 07911 123456 ",
      mobileCountry: "gb",
      email: " Ann@Example.COM ",
      firstName: "  Ann ",
      lastName: "",
      attributes: [
        { key: "OPTIN", value: " YES " },
        { key: "", value: "" },
      ],
      permissions: { whatsapp: "opt_in", sms: "", email: "" },
    });
    expect(parsed).toMatchObject({
      mobileNumber: "+447911123456",
      mobileCountry: "GB",
      email: "ann@example.com",
      firstName: "Ann",
      lastName: null,
      attributes: [{ key: "OPTIN", value: "YES" }],
      permissions: { whatsapp: "opt_in", sms: undefined, email: undefined },
    });
    // The output parses to itself, so a form may send what its resolver returned.
    expect(createContactInput.parse(parsed)).toEqual(parsed);
  });

  it("reports every wrong field at once, each at its own path", () => {
    const result = createContactInput.safeParse({
      mobileNumber: "12345",
      mobileCountry: "DE",
      email: "nope",
      postalCode: "x".repeat(21),
      attributes: [
        { key: "tier", value: "gold" },
        { key: "TIER", value: "silver" },
        { key: "", value: "orphan" },
        { key: "2fast", value: "" },
      ],
    });
    expect(issues(result)).toEqual({
      mobileNumber: expect.stringContaining("not a valid number for DE") as unknown,
      email: "Enter a valid email address, e.g. name@example.com",
      postalCode: "A postal code must be at most 20 characters",
      "attributes.1.key": "Another attribute already has this name",
      "attributes.2.key": "Name this attribute, or clear its value",
      "attributes.3.key": "Use letters, digits and _, starting with a letter",
    });
  });

  it("needs a mobile number or an email, and a known mobile country", () => {
    expect(issues(createContactInput.safeParse({ firstName: "X" }))).toEqual({
      mobileNumber: "Enter a mobile number or an email address",
    });
    expect(issues(createContactInput.safeParse({ mobileNumber: "+447911123456", mobileCountry: "XX" }))).toEqual({
      mobileCountry: "Choose the mobile country from the list",
    });
  });

  it("accepts a time zone from the server's IANA list only, spelled as listed; empty is none", () => {
    expect(createContactInput.parse({ email: "a@example.com", timeZone: " Europe/Madrid " }).timeZone).toBe(
      "Europe/Madrid",
    );
    expect(createContactInput.parse({ email: "a@example.com", timeZone: "" }).timeZone).toBeNull();
    for (const timeZone of ["Mars/Olympus_Mons", "europe/madrid", "CET+1"])
      expect(issues(createContactInput.safeParse({ email: "a@example.com", timeZone }))).toEqual({
        timeZone: "Choose a time zone from the list: an IANA name such as Europe/Madrid",
      });
  });

  it("accepts a stored number unchanged on edit, but validates a new one", () => {
    const edit = contactForm("+447700900001", normalisePhone);
    expect(edit.parse({ mobileNumber: "+447700900001", firstName: "Drama" }).mobileNumber).toBe("+447700900001");
    expect(edit.safeParse({ mobileNumber: "+447700900002" }).success).toBe(false);
    expect(createContactInput.safeParse({ mobileNumber: "+447700900001" }).success).toBe(false);
    // The browser's form leaves the number to the server.
    expect(contactForm().safeParse({ mobileNumber: "+447700900002" }).success).toBe(true);
  });

  it("keeps absent update fields absent, and turns emptied ones into null", () => {
    const { data } = updateContactInput.parse({
      id: "6f1c1c7e-3b6a-4a57-9b8a-2f4d6f0e9d11",
      data: { city: "", firstName: "Ann" },
    });
    expect(data).toEqual({ city: null, firstName: "Ann" });
    expect("email" in data && data.email !== undefined).toBe(false);
  });

  it("defaults the list to the newest first", () => {
    expect(listContactsInput.parse({})).toEqual({ search: "", sort: "created", order: "desc", limit: 50 });
    expect(listContactsInput.safeParse({ sort: "email" }).success).toBe(false);
  });
});
