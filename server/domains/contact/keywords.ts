// The opt-out keywords carriers and WhatsApp vendors expect every sender to honour.
export const STANDARD_OPT_OUT_KEYWORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"] as const;

// Everything at the edges that is not part of a word: spaces, punctuation, symbols and emoji,
// and invisible format characters (zero-width joiners) that phones add around emoji.
const EDGES = /^[\s\p{P}\p{S}\p{C}]+|[\s\p{P}\p{S}\p{C}]+$/gu;

/** Upper case without accents or edge punctuation, inner spaces collapsed: " Stop! " -> "STOP". */
export function normaliseKeyword(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").replace(EDGES, "").replace(/\s+/g, " ").toUpperCase();
}

/**
 * The keyword an inbound message opts out with, or null. Only a message that is the keyword and
 * nothing else counts ("stop!", " STOP ", "Baja."), as carriers do: "stop sending me offers" or
 * "don't stop" are left to a person, because a false opt-out silently loses a customer and
 * the standard keywords are also ordinary words ("end", "cancel my order").
 * `extraKeywords` are the workspace's own (workspaces.opt_out_keywords, e.g. BAJA); matching
 * ignores case, accents and surrounding whitespace and punctuation.
 */
export function matchOptOutKeyword(text: string, extraKeywords: readonly string[] = []): string | null {
  const message = normaliseKeyword(text);
  if (!message) return null;
  for (const keyword of [...STANDARD_OPT_OUT_KEYWORDS, ...extraKeywords]) {
    const normalised = normaliseKeyword(keyword);
    if (normalised && normalised === message) return normalised;
  }
  return null;
}

export function isOptOutKeyword(text: string, extraKeywords: readonly string[] = []): boolean {
  return matchOptOutKeyword(text, extraKeywords) !== null;
}
