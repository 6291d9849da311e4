import { describe, expect, it } from "vitest";
import { normalisePhone } from "./phone";

describe("normalisePhone", () => {
  it("reads national numbers in the mobile country", () => {
    expect(normalisePhone("07911 123456", "GB")).toEqual({ ok: true, e164: "+447911123456" });
    expect(normalisePhone("(415) 555-2671", "us")).toEqual({ ok: true, e164: "+14155552671" });
    expect(normalisePhone("0151 1234 5678", "DE")).toEqual({ ok: true, e164: "+4915112345678" });
    expect(normalisePhone("8604475381", "IN")).toEqual({ ok: true, e164: "+918604475381" });
  });

  it("reads the country's international prefix as well as +", () => {
    expect(normalisePhone("0044 7911 123456", "DE")).toEqual({ ok: true, e164: "+447911123456" });
  });

  it("keeps numbers already in E.164, whatever the mobile country says", () => {
    expect(normalisePhone("+918604475381")).toEqual({ ok: true, e164: "+918604475381" });
    expect(normalisePhone(" +44 7911-123-456 ", null)).toEqual({ ok: true, e164: "+447911123456" });
    expect(normalisePhone("+918604475381", "GB")).toEqual({ ok: true, e164: "+918604475381" });
  });

  it("asks for a country code when a national number has no mobile country", () => {
    const result = normalisePhone("07911 123456");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/Start with \+ and the country code/);
    expect(normalisePhone("07911 123456", "XX").ok).toBe(false);
  });

  it("refuses numbers that do not exist in the number plan, text and extensions", () => {
    for (const [raw, country] of [
      ["12345", "DE"],
      ["+49 1511 2345678 9999", null],
      ["+1 555", null],
      ["+999 1234567", null],
      ["call me on 07911 123456", "GB"],
      ["not a number", "GB"],
      ["", "GB"],
      ["+44 7911 123456 ext. 12", null],
    ] as const) {
      expect(normalisePhone(raw, country), raw).toMatchObject({ ok: false });
    }
    expect(normalisePhone("12345", "DE")).toMatchObject({
      message: expect.stringMatching(/not a valid number for DE/) as unknown,
    });
  });
});
