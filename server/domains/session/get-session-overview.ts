import { and, count, eq, gt, isNotNull, isNull, lte, or } from "drizzle-orm";
import { schema, type Db } from "@/db/client";

/** Live sessions, and ended ones (revoked or past their lifetime) still stored until cleanup. */
export async function getSessionOverview(db: Db, workspaceId: string) {
  const now = new Date();
  const inWorkspace = eq(schema.users.workspaceId, workspaceId);
  const countWhere = (where: ReturnType<typeof and>) =>
    db
      .select({ n: count() })
      .from(schema.sessions)
      .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
      .where(where)
      .then((rows) => rows[0]?.n ?? 0);
  const [live, ended] = await Promise.all([
    countWhere(and(inWorkspace, isNull(schema.sessions.revokedAt), gt(schema.sessions.expiresAt, now))),
    countWhere(and(inWorkspace, or(isNotNull(schema.sessions.revokedAt), lte(schema.sessions.expiresAt, now)))),
  ]);
  return { live, ended };
}
