import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv";
import { readImportRow } from "./import-row";
import { importMapping, startImportInput, suggestMapping, type ImportMapping } from "./import-schema";

const columns = ["Phone", "Country", "E-mail", "First name", "SMS", "Tier"];
const mapping: ImportMapping = {
  Phone: "mobileNumber",
  Country: "mobileCountry",
  "E-mail": "email",
  "First name": "firstName",
  SMS: "permissions.sms",
  Tier: "attribute",
};
const row = (line: string, m: ImportMapping = mapping) => {
  const [record] = parseCsv(line);
  return readImportRow(columns, m, { ...record!, line: 7 });
};

describe("import validation, per line", () => {
  it("turns a good row into a contact with the New record rules: E.164, lower-case email, consent, attributes", () => {
    expect(row("07911 123456,gb, Ann@Example.com ,Ann,I,gold")).toEqual({
      ok: true,
      line: 7,
      contact: expect.objectContaining({
        mobileNumber: "+447911123456",
        mobileCountry: "GB",
        email: "ann@example.com",
        firstName: "Ann",
        attributes: [{ key: "Tier", value: "gold" }],
        permissions: { whatsapp: undefined, sms: "opt_in", email: undefined },
      }) as unknown,
    });
  });

  it("names the column and the reason for each wrong value, on the file's line", () => {
    expect(row("12345,DE,not-an-email,Bo,maybe,")).toEqual({
      ok: false,
      line: 7,
      errors: [
        { line: 7, field: "SMS", reason: '"maybe" is not a permission: use opt_in or opt_out (or I/O, yes/no)' },
        { line: 7, field: "E-mail", reason: "Enter a valid email address, e.g. name@example.com" },
        { line: 7, field: "Phone", reason: expect.stringContaining("not a valid number for DE") as unknown },
      ],
    });
    expect(row("+44 7911 123456,,,,,")).toMatchObject({ ok: true });
    expect(row("07911 123456,,,,,")).toMatchObject({
      ok: false,
      errors: [{ field: "Phone", reason: expect.stringContaining("country code") as unknown }],
    });
  });

  it("needs a mobile number or an email, reported on the mobile column (or the email one when no mobile is mapped)", () => {
    expect(row(",,,Nobody,,")).toEqual({
      ok: false,
      line: 7,
      errors: [{ line: 7, field: "Phone", reason: "Enter a mobile number or an email address" }],
    });
    const emailOnly = Object.fromEntries(Object.entries(mapping).filter(([column]) => column !== "Phone"));
    expect(row(",,,Nobody,,", emailOnly)).toMatchObject({
      errors: [{ field: "E-mail", reason: "Enter a mobile number or an email address" }],
    });
  });

  it("reads a Time zone column, suggested from its header, and names it when the zone is unknown", () => {
    expect(suggestMapping(["Phone", "Time zone"])).toEqual({ Phone: "mobileNumber", "Time zone": "timeZone" });
    const zoned = (line: string) => {
      const [record] = parseCsv(line);
      return readImportRow(["Phone", "TZ"], { Phone: "mobileNumber", TZ: "timeZone" }, { ...record!, line: 3 });
    };
    expect(zoned("+447911123456,America/New_York")).toMatchObject({
      ok: true,
      contact: { timeZone: "America/New_York" },
    });
    expect(zoned("+447911123456,")).toMatchObject({ ok: true, contact: { timeZone: null } });
    expect(zoned("+447911123456,Berlin")).toEqual({
      ok: false,
      line: 3,
      errors: [
        { line: 3, field: "TZ", reason: "Choose a time zone from the list: an IANA name such as Europe/Madrid" },
      ],
    });
  });

  it("refuses a row whose columns do not line up with the header, but allows trailing empty cells", () => {
    expect(row("+447911123456,GB")).toEqual({
      ok: false,
      line: 7,
      errors: [{ line: 7, field: "row", reason: "This row has 2 columns; the header has 6" }],
    });
    expect(row("+447911123456,GB,,,,,,")).toMatchObject({ ok: true });
    expect(row("+447911123456,GB,,,,,x")).toMatchObject({
      ok: false,
      errors: [{ reason: "This row has 7 columns; the header has 6" }],
    });
  });

  it("refuses a custom attribute named like a standard field", () => {
    const [record] = parseCsv("a@example.com,x");
    expect(readImportRow(["Email", "CITY"], { Email: "email", CITY: "attribute" }, record!)).toMatchObject({
      ok: false,
      errors: [{ field: "CITY", reason: "CITY is a standard field: use the field above" }],
    });
  });
});

describe("import mapping", () => {
  const issues = (raw: Record<string, string>) =>
    importMapping.safeParse(raw).error?.issues.map((i) => [i.path.join("."), i.message]);

  it("accepts known fields, ignores columns mapped to nothing", () => {
    expect(importMapping.parse({ Phone: "mobileNumber", Notes: "", Tier: "attribute", Level: "attribute" })).toEqual({
      Phone: "mobileNumber",
      Tier: "attribute",
      Level: "attribute",
    });
  });

  it("names an unknown field, a field mapped twice, and a mapping with neither mobile nor email", () => {
    expect(issues({ Phone: "mobileNumber", Fax: "fax" })).toEqual([
      ["Fax", 'Column "Fax" is mapped to "fax", which is not a contact field'],
    ]);
    expect(issues({ Phone: "mobileNumber", Mobile: "mobileNumber" })).toEqual([
      ["Mobile", 'Mobile number is mapped from more than one column: "Phone", "Mobile"'],
    ]);
    expect(issues({ Name: "firstName" })).toEqual([
      ["", "Map a column to Mobile number or Email: every contact needs one of them"],
    ]);
    expect(
      startImportInput.safeParse({
        id: "6f1c1c7e-3b6a-4a57-9b8a-2f4d6f0e9d11",
        mapping: { Email: "email" },
        mode: "replace",
      }).success,
    ).toBe(false);
  });

  it("suggests a mapping from header names, each field once", () => {
    expect(
      suggestMapping([
        "Mobile",
        "Phone",
        "EMAIL_ADDRESS",
        "First Name",
        "surname",
        "Post code",
        "MOBILE_PERMISSION_STATUS",
        "Whatsapp",
        "Notes",
      ]),
    ).toEqual({
      Mobile: "mobileNumber",
      EMAIL_ADDRESS: "email",
      "First Name": "firstName",
      surname: "lastName",
      "Post code": "postalCode",
      MOBILE_PERMISSION_STATUS: "permissions.sms",
      Whatsapp: "permissions.whatsapp",
    });
  });
});
