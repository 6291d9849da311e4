import { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { countContacts, findContactsPage, findCurrentConsent, type ContactListRow } from "./queries";
import { contactSorts, sortDirections, type ContactSort, type listContactsInput } from "./schema";
import { consentByChannel } from "./view";

// The keyset cursor: the last row's sort key and id, plus the sort it belongs to. The shared
// server/lib/keyset cursor holds one timestamp; the name sort needs two nullable names.
const cursorSchema = z.object({
  sort: z.enum(contactSorts),
  direction: z.enum(sortDirections),
  values: z.array(z.string().nullable()).min(1).max(2),
  id: z.uuid(),
});
type Cursor = z.infer<typeof cursorSchema>;

const keyOf = (sort: ContactSort, row: ContactListRow): (string | null)[] =>
  sort === "name"
    ? [row.lastName, row.firstName]
    : [(sort === "created" ? row.createdAt : row.modifiedAt).toISOString()];

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(raw: string, sort: ContactSort, direction: "asc" | "desc") {
  let cursor: Cursor | null = null;
  try {
    cursor = cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    // Falls through to the refusal below.
  }
  const fits =
    cursor?.sort === sort &&
    cursor.direction === direction &&
    (sort === "name"
      ? cursor.values.length === 2
      : cursor.values.length === 1 && !Number.isNaN(Date.parse(cursor.values[0] ?? "")));
  // A cursor from another sort, or a tampered one, would skip or repeat rows: refuse it.
  if (!cursor || !fits)
    throw new DomainError("BAD_REQUEST", "This list position no longer matches the sort; reload the list", "cursor");
  return { values: sort === "name" ? cursor.values : [new Date(cursor.values[0] as string)], id: cursor.id };
}

/**
 * One page of a workspace's contacts, with each one's current consent per channel. The first
 * page also carries how many match in all (later pages: null), so the list can say the total.
 */
export async function listContacts(db: Db, workspaceId: string, input: z.infer<typeof listContactsInput>) {
  const { sort, order: direction, search, consent: consentFilter, limit } = input;
  const after = input.cursor ? decodeCursor(input.cursor, sort, direction) : null;
  const [rows, total] = await Promise.all([
    findContactsPage(db, workspaceId, { sort, direction, search, consent: consentFilter, after, limit }),
    after ? null : countContacts(db, workspaceId, { search, consent: consentFilter }),
  ]);
  const items = rows.slice(0, limit);
  const consent = new Map<string, Awaited<ReturnType<typeof findCurrentConsent>>>();
  for (const row of await findCurrentConsent(
    db,
    items.map((r) => r.id),
  ))
    consent.set(row.contactId, [...(consent.get(row.contactId) ?? []), row]);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => ({ ...row, consent: consentByChannel(consent.get(row.id) ?? []) })),
    total,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ sort, direction, values: keyOf(sort, last), id: last.id }) : null,
  };
}
