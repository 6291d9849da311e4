import type { ConsentKeyword } from "@/db/schema/workspaces";

// Pure, with no runtime imports: the settings page's "would this reply opt out?" tester runs
// this same matching in the browser.

// The opt-out keywords carriers and WhatsApp vendors expect every sender to honour.
export const STANDARD_OPT_OUT_KEYWORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"] as const;
// The carriers' opt-in family. YES is left out although some carriers list it: it is an ordinary
// answer, and an opt-in must be something the customer meant.
export const STANDARD_OPT_IN_KEYWORDS = ["START", "UNSTOP"] as const;

export type { ConsentKeyword };
export type KeywordKind = ConsentKeyword["kind"];
/** What a reply matched: the keyword as normalised, and the language of a workspace keyword (null for a standard one). */
export type KeywordMatch = { kind: KeywordKind; keyword: string; language: string | null };

// Everything at the edges that is not part of a word: spaces, punctuation, symbols and emoji,
// and invisible format characters (zero-width joiners) that phones add around emoji.
const EDGES = /^[\s\p{P}\p{S}\p{C}]+|[\s\p{P}\p{S}\p{C}]+$/gu;

/** Upper case without accents or edge punctuation, inner spaces collapsed: " Stop! " -> "STOP". */
export function normaliseKeyword(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").replace(EDGES, "").replace(/\s+/g, " ").toUpperCase();
}

const standard: ConsentKeyword[] = [
  ...STANDARD_OPT_OUT_KEYWORDS.map((keyword) => ({ language: "", kind: "opt_out" as const, keyword })),
  ...STANDARD_OPT_IN_KEYWORDS.map((keyword) => ({ language: "", kind: "opt_in" as const, keyword })),
];

/** The standard keyword a workspace keyword would repeat once normalised, or null. */
export function standardKeyword(keyword: string): { kind: KeywordKind; keyword: string } | null {
  const normalised = normaliseKeyword(keyword);
  const found = standard.find((s) => s.keyword === normalised);
  return found ? { kind: found.kind, keyword: found.keyword } : null;
}

/**
 * The keyword an inbound message opts out or in with, or null. Only a message that is the
 * keyword and nothing else counts ("stop!", " STOP ", "Baja."), as carriers do: "stop sending me
 * offers" or "don't stop" are left to a person, because a false opt-out silently loses a
 * customer and the standard keywords are also ordinary words ("end", "cancel my order").
 * `extras` are the workspace's own; matching ignores case, accents and surrounding whitespace
 * and punctuation. The standard keywords come first, and an opt-out wins over an opt-in when a
 * workspace's list (invalid, but possible in data saved before validation) has both.
 */
export function matchKeyword(text: string, extras: readonly ConsentKeyword[] = []): KeywordMatch | null {
  const message = normaliseKeyword(text);
  if (!message) return null;
  const candidates = [...standard, ...extras].sort((a, b) => Number(a.kind === "opt_in") - Number(b.kind === "opt_in"));
  for (const candidate of candidates) {
    if (normaliseKeyword(candidate.keyword) !== message) continue;
    return { kind: candidate.kind, keyword: message, language: candidate.language || null };
  }
  return null;
}
