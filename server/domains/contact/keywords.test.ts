import { describe, expect, it } from "vitest";
import type { ConsentKeyword } from "@/db/schema/workspaces";
import { matchKeyword, STANDARD_OPT_IN_KEYWORDS, STANDARD_OPT_OUT_KEYWORDS, standardKeyword } from "./keywords";

const optOut = (text: string, extras: ConsentKeyword[] = []) => matchKeyword(text, extras)?.kind === "opt_out";
const es = (kind: ConsentKeyword["kind"], keyword: string): ConsentKeyword => ({ language: "es", kind, keyword });
const BAJA = [es("opt_out", "BAJA")];

describe("consent keywords", () => {
  it("recognises every standard keyword in any case", () => {
    for (const keyword of STANDARD_OPT_OUT_KEYWORDS) {
      expect(optOut(keyword), keyword).toBe(true);
      expect(optOut(keyword.toLowerCase()), keyword).toBe(true);
    }
    for (const keyword of STANDARD_OPT_IN_KEYWORDS) {
      expect(matchKeyword(keyword.toLowerCase()), keyword).toEqual({ kind: "opt_in", keyword, language: null });
    }
    expect(optOut("Stop")).toBe(true);
    expect(optOut("sToPaLl")).toBe(true);
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
      expect(optOut(text), text).toBe(true);
    }
    expect(matchKeyword(" stop! ")).toEqual({ kind: "opt_out", keyword: "STOP", language: null });
    expect(matchKeyword("Start 👍")).toEqual({ kind: "opt_in", keyword: "START", language: null });
  });

  it("adds the workspace's own keywords, matched the same way, with their language", () => {
    expect(matchKeyword("BAJA")).toBeNull();
    expect(matchKeyword("baja", BAJA)).toEqual({ kind: "opt_out", keyword: "BAJA", language: "es" });
    expect(optOut("  Baja. ", [es("opt_out", "baja")])).toBe(true);
    expect(optOut("NÃO", [{ language: "pt-BR", kind: "opt_out", keyword: "nao" }])).toBe(true);
    expect(optOut("no more", [{ language: "en", kind: "opt_out", keyword: "NO  MORE" }])).toBe(true);
    expect(matchKeyword("alta!", [es("opt_in", "ALTA")])).toEqual({ kind: "opt_in", keyword: "ALTA", language: "es" });
    // Extras that are blank or only punctuation never match an empty message.
    expect(matchKeyword("!!", [es("opt_out", ""), es("opt_out", "!!")])).toBeNull();
  });

  it("lets an opt-out win when a keyword is listed both ways", () => {
    expect(matchKeyword("baja", [es("opt_in", "BAJA"), es("opt_out", "baja")])?.kind).toBe("opt_out");
    expect(matchKeyword("stop", [es("opt_in", "STOP")])?.kind).toBe("opt_out");
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
      "start again",
      "yes",
      "",
      "   ",
      "?!",
      "hello",
    ]) {
      expect(matchKeyword(text, BAJA), text).toBeNull();
    }
    expect(matchKeyword("bajar", BAJA)).toBeNull();
    expect(matchKeyword(`${"stop ".repeat(50)}`)).toBeNull();
    expect(optOut(`stop${" ".repeat(500)}`)).toBe(true);
  });

  it("names the standard keyword a workspace keyword would repeat", () => {
    expect(standardKeyword(" stop! ")).toEqual({ kind: "opt_out", keyword: "STOP" });
    expect(standardKeyword("Unstop")).toEqual({ kind: "opt_in", keyword: "UNSTOP" });
    expect(standardKeyword("BAJA")).toBeNull();
  });
});
