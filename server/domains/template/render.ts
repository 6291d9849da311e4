// Pure helpers for WhatsApp template bodies: positional ({{1}}) and named ({{first_name}})
// placeholders, as Meta's parameter_format allows (§1 of docs/vendors/whatsapp-templates.md).

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The distinct placeholder keys of a body, in order of first appearance ("1", "2" or "first_name"). */
export function placeholdersOf(body: string): string[] {
  const seen: string[] = [];
  for (const [, key] of body.matchAll(PLACEHOLDER)) if (key && !seen.includes(key)) seen.push(key);
  return seen;
}

/** How many parameters a send must carry: one per distinct placeholder (a repeat is the same one). */
export function placeholderCount(body: string): number {
  return placeholdersOf(body).length;
}

export type RenderedPart =
  | { kind: "text"; text: string }
  | { kind: "value"; key: string; text: string }
  | { kind: "missing"; key: string; text: string };

/**
 * The body split into text and filled placeholders, for a preview that highlights them.
 * Values are positional ({{1}} is values[0]) or by name; a placeholder without a value stays
 * visible as "[missing {{n}}]" so a preview never looks complete when it is not.
 */
export function renderParts(
  body: string,
  values: readonly string[] | Readonly<Record<string, string | undefined>>,
): RenderedPart[] {
  const parts: RenderedPart[] = [];
  // Positional values also fill named placeholders, in order of first appearance.
  const order = placeholdersOf(body);
  const lookup = (key: string): string | undefined => {
    if (!Array.isArray(values)) return (values as Readonly<Record<string, string | undefined>>)[key];
    const list = values as readonly string[];
    return /^\d+$/.test(key) ? list[Number(key) - 1] : list[order.indexOf(key)];
  };
  let last = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    const key = match[1] ?? "";
    if (match.index > last) parts.push({ kind: "text", text: body.slice(last, match.index) });
    const value = lookup(key);
    parts.push(
      value !== undefined && value !== ""
        ? { kind: "value", key, text: value }
        : { kind: "missing", key, text: `[missing {{${key}}}]` },
    );
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ kind: "text", text: body.slice(last) });
  return parts;
}

/** The body as one string with its placeholders filled (or marked missing). */
export function renderBody(
  body: string,
  values: readonly string[] | Readonly<Record<string, string | undefined>>,
): string {
  return renderParts(body, values)
    .map((p) => p.text)
    .join("");
}
