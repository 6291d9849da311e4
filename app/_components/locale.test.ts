import { describe, expect, it } from "vitest";
import { pickLocale } from "./locale";

describe("pickLocale", () => {
  it("takes the first language the runtime formats in, canonicalised", () => {
    expect(pickLocale("en-gb,en;q=0.9")).toBe("en-GB");
    expect(pickLocale("de-CH")).toBe("de-CH");
  });

  it("orders by q-value, then by position", () => {
    expect(pickLocale("fr;q=0.5, de;q=0.8, en-US")).toBe("en-US");
    expect(pickLocale("fr;q=0.5, de;q=0.8")).toBe("de");
    expect(pickLocale("pt-BR;q=0.8, es;q=0.8")).toBe("pt-BR");
  });

  it("skips the wildcard, refused languages, malformed and unknown tags", () => {
    expect(pickLocale("*, en-GB;q=0.1")).toBe("en-GB");
    expect(pickLocale("fr;q=0, it;q=0.2")).toBe("it");
    expect(pickLocale("not a tag!, qq, nl")).toBe("nl");
  });

  it("falls back to en-US without a usable header", () => {
    expect(pickLocale(null)).toBe("en-US");
    expect(pickLocale("")).toBe("en-US");
    expect(pickLocale("*")).toBe("en-US");
  });
});
