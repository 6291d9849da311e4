import { randomBytes } from "node:crypto";
import { getDb, schema } from "@/db/client";
import { hashPassword } from "../auth/password";
import type { Role, SessionUser } from "../auth/sessions";
import { createCaller } from "../trpc/root";

/** A workspace with one user per role, for tests that go through the tRPC caller. */
export async function createWorkspace(password = "correct horse battery") {
  const db = await getDb();
  const slug = `ws-${randomBytes(4).toString("hex")}`;
  const [workspace] = await db.insert(schema.workspaces).values({ name: slug, slug }).returning();
  if (!workspace) throw new Error("no workspace");
  const passwordHash = await hashPassword(password);
  const user = async (role: Role): Promise<SessionUser> => {
    const email = `${role}-${slug}@example.com`;
    const [row] = await db.insert(schema.users).values({ workspaceId: workspace.id, email, name: `${role} ${slug}`, role, passwordHash }).returning();
    if (!row) throw new Error("no user");
    return { sessionId: "test", userId: row.id, workspaceId: workspace.id, email, name: row.name, role };
  };
  return { db, workspace, admin: await user("admin"), marketer: await user("marketer") };
}

export async function callerFor(user: SessionUser | null) {
  return createCaller({ db: await getDb(), user });
}
