import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@/db/client";
import { callerFor, createWorkspace } from "../testing/fixtures";
import { createSession, purgeSessions, revokeSession, validateSession } from "./sessions";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };

describe("server-side sessions", () => {
  it("resolves a live session to its user and role", async () => {
    const { admin } = await createWorkspace();
    const sid = await createSession(admin.userId, meta);
    expect(await validateSession(sid)).toMatchObject({
      userId: admin.userId,
      role: "admin",
      workspaceId: admin.workspaceId,
    });
  });

  it("stops working at once when revoked (logout)", async () => {
    const { admin } = await createWorkspace();
    const sid = await createSession(admin.userId, meta);
    await revokeSession(sid);
    expect(await validateSession(sid)).toBeNull();
  });

  it("follows a role change and a disabled account on the next request", async () => {
    const { admin, marketer } = await createWorkspace();
    const sid = await createSession(marketer.userId, meta);
    const api = await callerFor(admin);
    await api.user.changeRole({ id: marketer.userId, data: { role: "admin" } });
    expect((await validateSession(sid))?.role).toBe("admin");
    await api.user.setDisabled({ id: marketer.userId, data: { disabled: true } });
    expect(await validateSession(sid)).toBeNull();
  });

  it("ends idle sessions and sessions past their absolute lifetime", async () => {
    const { db, admin } = await createWorkspace();
    const idle = await createSession(admin.userId, meta);
    await db
      .update(schema.sessions)
      .set({ lastSeenAt: new Date(Date.now() - 61 * 60_000) })
      .where(eq(schema.sessions.id, idle));
    expect(await validateSession(idle)).toBeNull();
    const old = await createSession(admin.userId, meta);
    await db
      .update(schema.sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.sessions.id, old));
    expect(await validateSession(old)).toBeNull();
  });

  it("purges ended sessions and keeps live ones", async () => {
    const { db, admin } = await createWorkspace();
    const live = await createSession(admin.userId, meta);
    const revoked = await createSession(admin.userId, meta);
    await revokeSession(revoked);
    // Earlier tests in this file left ended sessions too; all of them go.
    expect(await purgeSessions(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
    const left = await db
      .select({ id: schema.sessions.id })
      .from(schema.sessions)
      .where(eq(schema.sessions.userId, admin.userId));
    expect(left.map((s) => s.id)).toEqual([live]);
  });
});
