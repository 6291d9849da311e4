import { randomBytes } from "node:crypto";
import { and, eq, isNull, lt, ne, or } from "drizzle-orm";
import { getDb, schema } from "@/db/client";
import { env } from "../env";

export type Role = (typeof schema.roleEnum.enumValues)[number];
export type SessionUser = {
  sessionId: string;
  userId: string;
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  // Signed in with an invite's one-time password: nothing else until they choose their own.
  mustChangePassword: boolean;
};

const TOUCH_EVERY_MS = 60_000;

export async function createSession(userId: string, meta: { ip: string; userAgent: string | null }): Promise<string> {
  const db = await getDb();
  const id = randomBytes(32).toString("base64url");
  await db.insert(schema.sessions).values({
    id,
    userId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    expiresAt: new Date(Date.now() + env.SESSION_MAX_HOURS * 3_600_000),
  });
  return id;
}

/**
 * The user behind a live session, read fresh on every request so a revoked session, a
 * disabled user or a changed role takes effect at once. Idle and absolute limits both apply.
 */
export async function validateSession(sessionId: string): Promise<SessionUser | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      sessionId: schema.sessions.id,
      lastSeenAt: schema.sessions.lastSeenAt,
      expiresAt: schema.sessions.expiresAt,
      revokedAt: schema.sessions.revokedAt,
      userId: schema.users.id,
      workspaceId: schema.users.workspaceId,
      email: schema.users.email,
      name: schema.users.name,
      role: schema.users.role,
      disabledAt: schema.users.disabledAt,
      oneTimePasswordExpiresAt: schema.users.oneTimePasswordExpiresAt,
    })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .where(eq(schema.sessions.id, sessionId));
  const now = Date.now();
  if (!row || row.revokedAt || row.disabledAt || row.expiresAt.getTime() <= now) return null;
  if (now - row.lastSeenAt.getTime() > env.SESSION_IDLE_MINUTES * 60_000) return null;
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db
      .update(schema.sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(schema.sessions.id, sessionId));
  }
  return {
    sessionId: row.sessionId,
    userId: row.userId,
    workspaceId: row.workspaceId,
    email: row.email,
    name: row.name,
    role: row.role,
    mustChangePassword: row.oneTimePasswordExpiresAt !== null,
  };
}

export async function revokeSession(sessionId: string): Promise<void> {
  const db = await getDb();
  await db
    .update(schema.sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(schema.sessions.id, sessionId), isNull(schema.sessions.revokedAt)));
}

/** Ends the user's sessions, all of them or all but `keep` (the one changing the password). */
export async function revokeUserSessions(userId: string, keep?: string): Promise<void> {
  const db = await getDb();
  await db
    .update(schema.sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(schema.sessions.userId, userId),
        isNull(schema.sessions.revokedAt),
        keep ? ne(schema.sessions.id, keep) : undefined,
      ),
    );
}

/** Deletes sessions past their absolute lifetime or revoked before `before`; returns how many. */
export async function purgeSessions(before: Date): Promise<number> {
  const db = await getDb();
  const gone = await db
    .delete(schema.sessions)
    .where(or(lt(schema.sessions.expiresAt, before), lt(schema.sessions.revokedAt, before)))
    .returning({ id: schema.sessions.id });
  return gone.length;
}
