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
      oneTimePasswordExpiresAt: schema.users.oneTimePasswordExpiresAt,
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
      oneTimePasswordExpiresAt: schema.users.oneTimePasswordExpiresAt,
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

/** The user's password state; inside a transaction the row stays locked until it ends. */
export async function findPasswordOf(tx: Db | Tx, userId: string) {
  const [row] = await tx
    .select({
      email: schema.users.email,
      passwordHash: schema.users.passwordHash,
      oneTimePasswordExpiresAt: schema.users.oneTimePasswordExpiresAt,
    })
    .from(schema.users)
    .where(eq(schema.users.id, userId))
    .for("update");
  return row;
}

export async function setPassword(
  tx: Tx,
  userId: string,
  password: { passwordHash: string; oneTimePasswordExpiresAt: Date | null },
) {
  await tx.update(schema.users).set(password).where(eq(schema.users.id, userId));
}

/** The workspace's admins who can sign in, for telling others whom to ask. */
export function findActiveAdmins(db: Db, workspaceId: string) {
  return db
    .select({ name: schema.users.name, email: schema.users.email })
    .from(schema.users)
    .where(
      and(eq(schema.users.workspaceId, workspaceId), eq(schema.users.role, "admin"), isNull(schema.users.disabledAt)),
    )
    .orderBy(schema.users.name);
}
