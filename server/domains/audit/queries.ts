import { and, asc, desc, eq, gte, lte } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import { afterCursorDesc, type Cursor } from "../../lib/keyset";
import type { AuditFilter } from "./schema";

const a = schema.auditLog;
const u = schema.users;

/** A page of the workspace's audit rows under the filter, newest first, with who acted. */
export function findAuditPage(db: Db, workspaceId: string, filter: AuditFilter, cursor: Cursor | null, limit: number) {
  return db
    .select({
      id: a.id,
      at: a.at,
      actorKind: a.actorKind,
      actorUserId: a.actorUserId,
      actorName: u.name,
      actorEmail: u.email,
      action: a.action,
      targetType: a.targetType,
      targetId: a.targetId,
      details: a.details,
    })
    .from(a)
    .leftJoin(u, eq(u.id, a.actorUserId))
    .where(
      and(
        eq(a.workspaceId, workspaceId),
        filter.actorUserId ? eq(a.actorUserId, filter.actorUserId) : undefined,
        filter.action ? eq(a.action, filter.action) : undefined,
        filter.targetType ? eq(a.targetType, filter.targetType) : undefined,
        filter.targetId ? eq(a.targetId, filter.targetId) : undefined,
        filter.from ? gte(a.at, new Date(filter.from)) : undefined,
        filter.to ? lte(a.at, new Date(filter.to)) : undefined,
        afterCursorDesc(cursor, a.at, a.id),
      ),
    )
    .orderBy(desc(a.at), desc(a.id))
    .limit(limit + 1);
}
export type AuditRow = Awaited<ReturnType<typeof findAuditPage>>[number];

/** The workspace's people, for the "who" filter. */
export function findWorkspaceActors(db: Db, workspaceId: string) {
  return db
    .select({ id: u.id, name: u.name, email: u.email })
    .from(u)
    .where(eq(u.workspaceId, workspaceId))
    .orderBy(asc(u.name));
}
