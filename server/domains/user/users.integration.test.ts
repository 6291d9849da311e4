import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@/db/client";
import { callerFor, createWorkspace } from "../../testing/fixtures";

const auditActions = async (db: Awaited<ReturnType<typeof createWorkspace>>["db"], workspaceId: string) =>
  (
    await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.workspaceId, workspaceId))
  ).map((r) => r.action);

describe("user management (tRPC user router)", () => {
  it("lets an admin invite a user, who can then be listed, with an audit entry and no clear password stored", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = await callerFor(admin);
    const { user, temporaryPassword } = await api.user.invite({
      email: "New.Person@Example.com",
      name: "New Person",
      role: "marketer",
    });
    expect(user.email).toBe("new.person@example.com");
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(16);
    const [stored] = await db
      .select({ hash: schema.users.passwordHash })
      .from(schema.users)
      .where(eq(schema.users.id, user.id));
    expect(stored?.hash).not.toContain(temporaryPassword);
    const page = await api.user.list({ limit: 50 });
    expect(page.items.map((u) => u.email)).toContain("new.person@example.com");
    expect(await auditActions(db, workspace.id)).toEqual(["user.invite"]);
  });

  it("pages through users with a keyset cursor, without repeats or gaps", async () => {
    const { admin } = await createWorkspace();
    const api = await callerFor(admin);
    for (let i = 0; i < 5; i++) await api.user.invite({ email: `p${i}@example.com`, name: `P${i}`, role: "marketer" });
    const first = await api.user.list({ limit: 3 });
    const second = await api.user.list({ limit: 3, cursor: first.nextCursor });
    const third = await api.user.list({ limit: 3, cursor: second.nextCursor });
    const emails = [...first.items, ...second.items, ...third.items].map((u) => u.email);
    expect(emails).toHaveLength(7);
    expect(new Set(emails).size).toBe(7);
    expect(third.nextCursor).toBeNull();
  });

  it("refuses bad input with the field named, and writes nothing", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = await callerFor(admin);
    await expect(api.user.invite({ email: "not-an-email", name: "X", role: "marketer" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await api.user.invite({ email: "dup@example.com", name: "Dup", role: "marketer" });
    await expect(api.user.invite({ email: "DUP@example.com", name: "Dup again", role: "admin" })).rejects.toMatchObject(
      {
        code: "CONFLICT",
        message: "A user with the email dup@example.com already exists",
      },
    );
    const users = await db.select().from(schema.users).where(eq(schema.users.workspaceId, workspace.id));
    expect(users).toHaveLength(3);
    expect(await auditActions(db, workspace.id)).toEqual(["user.invite"]);
  });

  it("changes roles and disables users, but never removes the last active admin", async () => {
    const { db, workspace, admin, marketer } = await createWorkspace();
    const api = await callerFor(admin);
    await expect(api.user.changeRole({ id: admin.userId, data: { role: "marketer" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await api.user.changeRole({ id: marketer.userId, data: { role: "admin" } });
    await api.user.setDisabled({ id: marketer.userId, data: { disabled: true } });
    const [row] = await db.select().from(schema.users).where(eq(schema.users.id, marketer.userId));
    expect(row).toMatchObject({ role: "admin" });
    expect(row?.disabledAt).toBeInstanceOf(Date);
    // The promoted user is disabled, so the caller is the only active admin left.
    const other = await callerFor({ ...marketer, role: "admin" });
    await expect(other.user.setDisabled({ id: admin.userId, data: { disabled: true } })).rejects.toMatchObject({
      message: "The workspace needs at least one active admin",
    });
    expect(await auditActions(db, workspace.id)).toEqual(["user.change_role", "user.disable"]);
  });

  it("refuses marketers and anonymous callers on every user procedure", async () => {
    const { admin, marketer } = await createWorkspace();
    const asMarketer = await callerFor(marketer);
    const anonymous = await callerFor(null);
    await expect(asMarketer.user.list({ limit: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asMarketer.user.invite({ email: "x@example.com", name: "X", role: "admin" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(asMarketer.user.changeRole({ id: marketer.userId, data: { role: "admin" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(asMarketer.user.setDisabled({ id: admin.userId, data: { disabled: true } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(anonymous.user.list({ limit: 10 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("shows marketers the workspace's active admins to ask", async () => {
    const { db, admin, marketer } = await createWorkspace();
    const api = await callerFor(admin);
    const { user: second } = await api.user.invite({ email: "bo@example.com", name: "Bo Admin", role: "admin" });
    const { user: gone } = await api.user.invite({ email: "cy@example.com", name: "Cy Admin", role: "admin" });
    await api.user.setDisabled({ id: gone.id, data: { disabled: true } });
    const [first] = await db
      .select({ name: schema.users.name, email: schema.users.email })
      .from(schema.users)
      .where(eq(schema.users.id, admin.userId));
    const admins = await (await callerFor(marketer)).user.admins();
    expect(admins).toHaveLength(2);
    expect(admins).toEqual(expect.arrayContaining([first, { name: second.name, email: second.email }]));
  });

  it("keeps workspaces apart", async () => {
    const one = await createWorkspace();
    const two = await createWorkspace();
    const api = await callerFor(one.admin);
    const page = await api.user.list({ limit: 50 });
    expect(page.items.map((u) => u.id).sort()).toEqual([one.admin.userId, one.marketer.userId].sort());
    await expect(api.user.changeRole({ id: two.marketer.userId, data: { role: "admin" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
