import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@/db/client";
import { createSession, revokeSession } from "@/server/auth/sessions";
import { createWorkspace } from "@/server/testing/fixtures";
import purgeSessions from "./purge-sessions";

describe("purge-sessions function", () => {
  it("deletes ended sessions and keeps live ones", async () => {
    const { db, admin } = await createWorkspace();
    const live = await createSession(admin.userId, { ip: "127.0.0.1", userAgent: null });
    const ended = await createSession(admin.userId, { ip: "127.0.0.1", userAgent: null });
    await revokeSession(ended);

    const engine = new InngestTestEngine({ function: purgeSessions });
    const { result } = await engine.execute({
      events: [{ name: "switchboard/sessions.purge-requested", data: { requestedBy: admin.userId } }],
    });

    expect(result).toEqual({ purged: 1 });
    const left = await db
      .select({ id: schema.sessions.id })
      .from(schema.sessions)
      .where(eq(schema.sessions.userId, admin.userId));
    expect(left.map((s) => s.id)).toEqual([live]);
  });
});
