import { and, eq, isNull } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";

// What the scheduled loyalty runs read: which programs may text now.

const p = schema.loyaltyPrograms;
const i = schema.integrations;

/**
 * A program that may text now, with what its vendor calls need: switched on, and its Attentive
 * integration active. Null otherwise.
 */
export async function findRunnableProgram(db: Db | Tx, workspaceId: string) {
  const [row] = await db
    .select({
      rules: p.rules,
      enabledAt: p.enabledAt,
      pullCursor: p.pullCursor,
      integration: { id: i.id, config: i.config, secrets: i.secrets, sandbox: i.sandbox },
    })
    .from(p)
    .innerJoin(i, eq(i.id, p.integrationId))
    .where(and(eq(p.workspaceId, workspaceId), eq(p.enabled, true), eq(i.status, "active"), isNull(i.uninstalledAt)));
  // Switching texting on sets enabledAt, so a program that is on always has one.
  return row?.enabledAt ? { ...row, enabledAt: row.enabledAt } : null;
}
export type RunnableProgram = NonNullable<Awaited<ReturnType<typeof findRunnableProgram>>>;

/** Workspaces whose program may text now, for the scheduled run. */
export async function findRunnableWorkspaces(db: Db) {
  const rows = await db
    .select({ workspaceId: p.workspaceId })
    .from(p)
    .innerJoin(i, eq(i.id, p.integrationId))
    .where(and(eq(p.enabled, true), eq(i.status, "active"), isNull(i.uninstalledAt)));
  return rows.map((r) => r.workspaceId);
}
