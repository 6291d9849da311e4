import { z } from "zod";
import { and, eq, is, lt, or, sql, SQL, type AnyColumn } from "drizzle-orm";

// Cursor over (timestamp, id): stable under inserts, and an index on the pair serves it.
const cursorSchema = z.object({ t: z.iso.datetime(), id: z.uuid() });
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(t: Date, id: string): string {
  return Buffer.from(JSON.stringify({ t: t.toISOString(), id })).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    return null;
  }
}

/** Rows after the cursor when ordering by (t desc, id desc); t is a column or a timestamptz expression. */
export function afterCursorDesc(cursor: Cursor | null, tCol: AnyColumn | SQL, idCol: AnyColumn): SQL | undefined {
  if (!cursor) return undefined;
  // A column encodes a Date itself; next to an expression the instant goes as ISO text
  // (postgres.js takes no Date inside raw SQL).
  if (is(tCol, SQL)) {
    const at = sql`${cursor.t}::timestamptz`;
    return or(lt(tCol, at), and(eq(tCol, at), lt(idCol, cursor.id)));
  }
  const t = new Date(cursor.t);
  return or(lt(tCol, t), and(eq(tCol, t), lt(idCol, cursor.id)));
}

/** Takes limit+1 rows, returns limit of them and the cursor for the next page. */
export function toPage<T extends { id: string }>(rows: T[], limit: number, at: (row: T) => Date) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(at(last), last.id) : null };
}
