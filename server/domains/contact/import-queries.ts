import { and, eq, inArray, or } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";

// The contact import's reads and writes. Apart from queries.ts only so that parallel work on
// that file does not collide; the same rules apply (explicit columns, no business logic).

const ci = schema.contactImports;
const c = schema.contacts;

export type ImportCounts = NonNullable<typeof ci.$inferSelect.counts>;
export const emptyCounts = (): ImportCounts => ({
  total: 0,
  processed: 0,
  inserted: 0,
  updated: 0,
  skipped: 0,
  failed: 0,
});

const importColumns = {
  id: ci.id,
  workspaceId: ci.workspaceId,
  createdBy: ci.createdBy,
  fileName: ci.fileName,
  mode: ci.mode,
  mapping: ci.mapping,
  defaultMobileCountry: ci.defaultMobileCountry,
  status: ci.status,
  counts: ci.counts,
  errors: ci.errors,
  createdAt: ci.createdAt,
  finishedAt: ci.finishedAt,
};

export async function insertImport(db: Db, values: { workspaceId: string; createdBy: string; fileName: string }) {
  // Mode and mapping are chosen after the preview; until then the row holds placeholders.
  const [row] = await db
    .insert(ci)
    .values({ ...values, mode: "insert", mapping: {} })
    .returning({ id: ci.id });
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateImport(db: Db | Tx, id: string, set: Partial<typeof ci.$inferInsert>) {
  await db.update(ci).set(set).where(eq(ci.id, id));
}

/** One import of a workspace; null when it belongs to another. */
export async function findImport(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(importColumns)
    .from(ci)
    .where(and(eq(ci.workspaceId, workspaceId), eq(ci.id, id)));
  return row ?? null;
}

/** For the background function, which knows the import by id alone; locks it for the transaction. */
export async function findImportForUpdate(tx: Tx, id: string) {
  const [row] = await tx.select(importColumns).from(ci).where(eq(ci.id, id)).for("update");
  return row ?? null;
}

export async function findImportById(db: Db, id: string) {
  const [row] = await db.select(importColumns).from(ci).where(eq(ci.id, id));
  return row ?? null;
}

/** The workspace's contacts with any of these mobile numbers or emails. */
export async function findContactsByIdentity(tx: Tx, workspaceId: string, mobileNumbers: string[], emails: string[]) {
  if (mobileNumbers.length === 0 && emails.length === 0) return [];
  return tx
    .select({ id: c.id, mobileNumber: c.mobileNumber, email: c.email, timeZone: c.timeZone, attributes: c.attributes })
    .from(c)
    .where(
      and(
        eq(c.workspaceId, workspaceId),
        or(
          mobileNumbers.length ? inArray(c.mobileNumber, mobileNumbers) : undefined,
          emails.length ? inArray(c.email, emails) : undefined,
        ),
      ),
    );
}

/** Many contacts in one statement. */
export async function insertContacts(tx: Tx, values: (typeof c.$inferInsert)[]) {
  if (values.length === 0) return [];
  return tx.insert(c).values(values).returning({ id: c.id, mobileNumber: c.mobileNumber, email: c.email });
}
