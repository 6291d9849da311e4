import { describe, expect, it } from "vitest";
import { isOptOutKeyword, matchOptOutKeyword, STANDARD_OPT_OUT_KEYWORDS } from "./keywords";

describe("opt-out keywords", () => {
  it("recognises every standard keyword in any case", () => {
    for (const keyword of STANDARD_OPT_OUT_KEYWORDS) {
      expect(isOptOutKeyword(keyword), keyword).toBe(true);
      expect(isOptOutKeyword(keyword.toLowerCase()), keyword).toBe(true);
    }
    expect(isOptOutKeyword("Stop")).toBe(true);
    expect(isOptOutKeyword("sToPaLl")).toBe(true);
  });

  it("ignores surrounding whitespace, punctuation and emoji", () => {
    for (const text of [
      " stop! ",
      "\tSTOP\n",
      "stop.",
      "¡stop!",
      '"Unsubscribe"',
      "quit 🙅‍♀️",
      "...END...",
      "cancel?!",
    ]) {
      expect(isOptOutKeyword(text), text).toBe(true);
    }
    expect(matchOptOutKeyword(" stop! ")).toBe("STOP");
  });

  it("adds the workspace's own keywords, matched the same way", () => {
    expect(isOptOutKeyword("BAJA")).toBe(false);
    expect(isOptOutKeyword("baja", ["BAJA"])).toBe(true);
    expect(isOptOutKeyword("  Baja. ", ["baja"])).toBe(true);
    expect(isOptOutKeyword("NÃO", ["nao"])).toBe(true);
    expect(isOptOutKeyword("no more", ["NO  MORE"])).toBe(true);
    expect(matchOptOutKeyword("baja", ["BAJA"])).toBe("BAJA");
    // Extras that are blank or only punctuation never match an empty message.
    expect(isOptOutKeyword("!!", ["", "!!"])).toBe(false);
  });

  it("does not treat keywords inside longer messages, or near misses, as opt-outs", () => {
    for (const text of [
      "stop sending me offers",
      "don't stop",
      "please stop",
      "STOP ALL",
      "stopp",
      "ends",
      "cancel my order",
      "",
      "   ",
      "?!",
      "hello",
    ]) {
      expect(isOptOutKeyword(text, ["BAJA"]), text).toBe(false);
    }
    expect(isOptOutKeyword("bajar", ["BAJA"])).toBe(false);
    expect(isOptOutKeyword(`${"stop ".repeat(50)}`)).toBe(false);
    expect(isOptOutKeyword(`stop${" ".repeat(500)}`)).toBe(true);
  });
});
