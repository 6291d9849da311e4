import { eq } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";

const w = schema.workspaces;

/** What the settings page shows: never the desk token's hash, only when it was set. */
export async function findWorkspaceSettings(db: Db, workspaceId: string) {
  const [row] = await db
    .select({
      name: w.name,
      defaultTimeZone: w.defaultTimeZone,
      keywords: w.consentKeywords,
      deskTokenSetAt: w.deskTokenSetAt,
    })
    .from(w)
    .where(eq(w.id, workspaceId));
  return row ?? null;
}

/** The workspace's row locked for a change, with the values a change is audited against. */
export async function findWorkspaceForUpdate(tx: Tx, workspaceId: string) {
  const [row] = await tx
    .select({ defaultTimeZone: w.defaultTimeZone, keywords: w.consentKeywords, deskTokenSetAt: w.deskTokenSetAt })
    .from(w)
    .where(eq(w.id, workspaceId))
    .for("update");
  return row ?? null;
}

export async function updateWorkspace(
  tx: Tx,
  workspaceId: string,
  set: Partial<Pick<typeof w.$inferInsert, "defaultTimeZone" | "consentKeywords" | "deskTokenHash" | "deskTokenSetAt">>,
) {
  await tx.update(w).set(set).where(eq(w.id, workspaceId));
}

export async function findDeskTokenHash(db: Db, workspaceId: string) {
  const [row] = await db.select({ hash: w.deskTokenHash }).from(w).where(eq(w.id, workspaceId));
  return row?.hash ?? null;
}
