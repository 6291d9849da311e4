export const DEFAULT_LOCALE = "en-US";

/**
 * The first language of an Accept-Language header (by q-value, then order) that the runtime
 * can format dates in, canonicalised ("en-gb" → "en-GB"); DEFAULT_LOCALE when none is.
 */
export function pickLocale(acceptLanguage: string | null): string {
  const tags = (acceptLanguage ?? "")
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.split(";").map((s) => s.trim());
      const q = params.find((p) => p.startsWith("q="));
      return { tag, order, weight: q ? Number(q.slice(2)) : 1 };
    })
    .filter((t) => t.tag && t.tag !== "*" && t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  for (const { tag } of tags) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // Not a well-formed language tag (RangeError): try the next one.
    }
  }
  return DEFAULT_LOCALE;
}
