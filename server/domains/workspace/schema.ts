import { z } from "zod";
import { isTimeZone } from "../../lib/time-zones";
import { normaliseKeyword, standardKeyword, type KeywordKind } from "../contact/keywords";

// Shared by the settings page's forms and the workspace router.

export const keywordKinds = ["opt_out", "opt_in"] as const satisfies readonly KeywordKind[];
export const keywordKindLabels: Record<KeywordKind, string> = { opt_out: "Opts out", opt_in: "Opts in" };
const kindWord: Record<KeywordKind, string> = { opt_out: "opt-out", opt_in: "opt-in" };

export const MAX_KEYWORDS = 100;

/** The BCP 47 tag in its canonical spelling ("pt-br" -> "pt-BR"), or null when it is not one. */
export function canonicalLanguage(tag: string): string | null {
  // A language subtag of 2 or 3 letters (or "und"), then optional script, region or variant subtags.
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

// One message per field (never "Enter the keyword" and a second complaint about the same blank),
// and none that stops the rules across rows from running: all errors show at once.
const languageField = z
  .string()
  .trim()
  .superRefine((tag, ctx) => {
    if (!tag) ctx.addIssue({ code: "custom", message: "Enter a language code, e.g. es" });
    else if (!canonicalLanguage(tag))
      ctx.addIssue({ code: "custom", message: "Enter a BCP 47 language code such as es, fr or pt-BR" });
  })
  .transform((tag) => canonicalLanguage(tag) ?? tag);

const keywordField = z
  .string()
  .trim()
  .superRefine((keyword, ctx) => {
    if (!keyword) ctx.addIssue({ code: "custom", message: "Enter the keyword" });
    else if (keyword.length > 40)
      ctx.addIssue({
        code: "custom",
        message: "Keep a keyword to 40 characters: only a reply that is exactly it counts",
      });
    else if (!normaliseKeyword(keyword))
      ctx.addIssue({ code: "custom", message: "A keyword needs a letter or digit; edge punctuation is ignored" });
  });

export const consentKeywordSchema = z.object({
  language: languageField,
  kind: z.enum(keywordKinds, "Choose whether the keyword opts out or in"),
  keyword: keywordField,
});

/**
 * The rules across rows, each error on the row's keyword and naming the row: a keyword once in
 * the list (matching ignores case, accents and language, so "baja" in es and "BAJA" in und are
 * one keyword), never both an opt-in and an opt-out, and never one of the standard keywords,
 * which are always on.
 */
export const consentKeywordsSchema = z
  .array(consentKeywordSchema)
  .max(MAX_KEYWORDS, `Keep the list to ${MAX_KEYWORDS} keywords`)
  .superRefine((rows, ctx) => {
    const seen = new Map<string, { row: number; kind: KeywordKind }>();
    rows.forEach((row, i) => {
      const key = normaliseKeyword(row.keyword);
      if (!key) return;
      const at = `Row ${i + 1}: ${key}`;
      const standard = standardKeyword(key);
      const earlier = seen.get(key);
      let message: string | null = null;
      if (standard && standard.kind === row.kind)
        message = `${at} is a standard ${kindWord[row.kind]} keyword, always on`;
      else if (standard)
        message = `${at} is a standard ${kindWord[standard.kind]} keyword; it cannot also ${kindWord[row.kind].replace("-", " ")}`;
      else if (earlier && earlier.kind === row.kind) message = `${at} is already in row ${earlier.row}`;
      else if (earlier)
        message = `${at} is an ${kindWord[earlier.kind]} keyword in row ${earlier.row}; a keyword cannot both opt in and opt out`;
      if (message) ctx.addIssue({ code: "custom", path: [i, "keyword"], message });
      if (!earlier) seen.set(key, { row: i + 1, kind: row.kind });
    });
  });

export const updateKeywordsInput = z.object({ keywords: consentKeywordsSchema });

export const setTimeZoneInput = z.object({
  defaultTimeZone: z
    .string()
    .trim()
    .min(1, { error: "Choose a time zone", abort: true })
    .refine(isTimeZone, "Choose a time zone from the list (an IANA name such as Europe/Madrid)"),
});
