import { and, count, desc, eq, isNull } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { afterCursorDesc, type Cursor } from "../../lib/keyset";

export function findUsersPage(db: Db, workspaceId: string, cursor: Cursor | null, limit: number) {
  return db
    .select({
      id: schema.users.id,
      email: schema.users.email,
      name: schema.users.name,
      role: schema.users.role,
      disabledAt: schema.users.disabledAt,
      invitedAt: schema.users.invitedAt,
      createdAt: schema.users.createdAt,
    })
    .from(schema.users)
    .where(
      and(eq(schema.users.workspaceId, workspaceId), afterCursorDesc(cursor, schema.users.createdAt, schema.users.id)),
    )
    .orderBy(desc(schema.users.createdAt), desc(schema.users.id))
    .limit(limit + 1);
}

export async function findUserInWorkspace(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx
    .select({
      id: schema.users.id,
      email: schema.users.email,
      role: schema.users.role,
      disabledAt: schema.users.disabledAt,
    })
    .from(schema.users)
    .where(and(eq(schema.users.id, id), eq(schema.users.workspaceId, workspaceId)))
    .for("update");
  return row;
}

export async function countActiveAdmins(tx: Tx, workspaceId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(schema.users)
    .where(
      and(eq(schema.users.workspaceId, workspaceId), eq(schema.users.role, "admin"), isNull(schema.users.disabledAt)),
    );
  return row?.n ?? 0;
}
