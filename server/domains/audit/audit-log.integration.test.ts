import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "../../auth/sessions";
import { callerFor, createWorkspace } from "../../testing/fixtures";

// The CSV is a route handler: the session comes from the Auth.js cookie, which needs a Next.js
// request scope; the user it would resolve to is a real one from the fixtures.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/config", () => ({ getSessionUser: () => Promise.resolve(session.user) }));
const { GET } = await import("@/app/api/audit-log/route");

const everyone = {
  kind: "group" as const,
  combinator: "and" as const,
  children: [{ kind: "field" as const, field: "country" as const, operator: "eq" as const, value: "DE" }],
};

/** Two people acting on segments and users; `between` is an instant after the first action and before the rest. */
async function auditedWorkspace() {
  const ws = await createWorkspace();
  const admin = await callerFor(ws.admin);
  const marketer = await callerFor(ws.marketer);
  await admin.user.invite({ email: `new-${ws.workspace.slug}@example.com`, name: "New", role: "marketer" });
  // Just after the invite's own time: the range filters below split there.
  const [invited] = (await admin.audit.list({ filter: {}, limit: 1 })).items;
  const between = new Date(invited!.at.getTime() + 1).toISOString();
  const mine = await marketer.segment.create({ name: "=HYPERLINK(1)", definition: everyone });
  await marketer.segment.update({ id: mine.id, data: { name: "Germany" } });
  const theirs = await admin.segment.create({ name: "Admin's", definition: everyone });
  return { ...ws, adminUser: ws.admin, marketerUser: ws.marketer, admin, marketer, between, mine, theirs };
}

const actions = (page: { items: { action: string }[] }) => page.items.map((i) => i.action);

describe("the audit log (tRPC audit router and /api/audit-log)", () => {
  it("filters by who, what, which object and when, newest first", async () => {
    const w = await auditedWorkspace();
    expect(actions(await w.admin.audit.list({ filter: {}, limit: 50 }))).toEqual([
      "segment.create",
      "segment.update",
      "segment.create",
      "user.invite",
    ]);
    const byMarketer = await w.admin.audit.list({ filter: { actorUserId: w.marketerUser.userId }, limit: 50 });
    expect(actions(byMarketer)).toEqual(["segment.update", "segment.create"]);
    expect(byMarketer.items[0]).toMatchObject({ actorName: w.marketerUser.name, actorEmail: w.marketerUser.email });
    expect(actions(await w.admin.audit.list({ filter: { action: "segment.create" }, limit: 50 }))).toEqual([
      "segment.create",
      "segment.create",
    ]);
    expect(actions(await w.admin.audit.list({ filter: { targetType: "user" }, limit: 50 }))).toEqual(["user.invite"]);
    const mine = await w.admin.audit.list({ filter: { targetType: "segment", targetId: w.mine.id }, limit: 50 });
    expect(actions(mine)).toEqual(["segment.update", "segment.create"]);
    expect(actions(await w.admin.audit.list({ filter: { to: w.between }, limit: 50 }))).toEqual(["user.invite"]);
    expect(actions(await w.admin.audit.list({ filter: { from: w.between }, limit: 50 }))).toHaveLength(3);
  });

  it("pages with a keyset cursor under a filter, without repeats or gaps", async () => {
    const w = await auditedWorkspace();
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result: { items: { id: string }[]; nextCursor: string | null } = await w.admin.audit.list({
        filter: { from: w.between },
        limit: 1,
        cursor,
      });
      seen.push(...result.items.map((i) => i.id));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it("is for admins only, and refuses a range that ends before it starts", async () => {
    const w = await auditedWorkspace();
    await expect(w.marketer.audit.list({ filter: {}, limit: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.marketer.audit.filters()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      w.admin.audit.list({ filter: { from: new Date().toISOString(), to: w.between }, limit: 10 }),
    ).rejects.toThrow(/before its start/);
    // Another workspace's rows never show.
    const other = await createWorkspace();
    expect((await (await callerFor(other.admin)).audit.list({ filter: {}, limit: 10 })).items).toEqual([]);
  });

  it("exports the filtered rows as CSV, formulas guarded, and records the export", async () => {
    const w = await auditedWorkspace();
    const download = (query: string) => GET(new Request(`http://localhost/api/audit-log?${query}`));
    session.user = w.marketerUser;
    expect((await download("")).status).toBe(403);
    session.user = w.adminUser;
    const bad = await download("from=yesterday");
    expect(bad.status).toBe(400);

    const res = await download(`action=segment.create&actorUserId=${w.marketerUser.userId}&targetId=`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("at,actor,actor_email,action,action_code,object_type,object_id,details");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `,${w.marketerUser.name},${w.marketerUser.email},Created a segment,segment.create,Segment,${w.mine.id},`,
    );
    // The details hold the name "=HYPERLINK(1)" inside JSON, which starts with "{": no formula.
    expect(lines[1]).toContain('"{""name"":""=HYPERLINK(1)""');

    const exports = await w.admin.audit.list({ filter: { action: "audit.export" }, limit: 10 });
    expect(exports.items).toHaveLength(1);
    expect(exports.items[0]).toMatchObject({ actorUserId: w.adminUser.userId, targetType: "workspace" });
    expect(JSON.parse(exports.items[0]!.details)).toEqual({
      filter: { action: "segment.create", actorUserId: w.marketerUser.userId },
    });
  });
});
