import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { derivedDeskToken } from "@/server/domains/workspace/desk-token";
import { inngest } from "@/server/jobs/client";
import { createWorkspace } from "@/server/testing/fixtures";
import { POST } from "./route";

// The desk webhook's edge: the route hands the request to the server-side handler as is.
// The handler's cases (tokens, bodies, idempotency) are tested in server/domains/conversation.

beforeAll(() => {
  vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
});
afterAll(() => vi.restoreAllMocks());

describe("POST /api/conversations/{id}/close", () => {
  it("closes with the workspace's bearer token and answers 200 again for a closed one", async () => {
    const { db, workspace } = await createWorkspace();
    const [integration] = await db
      .insert(schema.integrations)
      .values({ workspaceId: workspace.id, vendor: "wavy", label: "Wavy", status: "active" })
      .returning({ id: schema.integrations.id });
    const [contact] = await db
      .insert(schema.contacts)
      .values({ workspaceId: workspace.id, mobileNumber: "+5511999990099" })
      .returning({ id: schema.contacts.id });
    const [conversation] = await db
      .insert(schema.conversations)
      .values({
        workspaceId: workspace.id,
        contactId: contact?.id ?? "",
        integrationId: integration?.id ?? "",
        channel: "whatsapp",
      })
      .returning({ id: schema.conversations.id });
    const id = conversation?.id ?? "";
    const post = (target: string, token: string) =>
      POST(
        new Request(`http://portal/api/conversations/${target}/close`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
          body: JSON.stringify({ profile: "Resolved" }),
        }),
        {
          params: Promise.resolve({ id: target }),
        },
      );

    const first = await post(id, derivedDeskToken(workspace.id));
    expect(first.status).toBe(200);
    // No Salesforce integration in this workspace: closed, with no case to sync.
    expect(await first.json()).toEqual({ id, closed: true, alreadyClosed: false, caseSync: "none" });
    expect((await post(id, derivedDeskToken(workspace.id))).status).toBe(200);
    expect((await post(randomUUID(), derivedDeskToken(workspace.id))).status).toBe(404);
    const [row] = await db
      .select({ state: schema.conversations.state, closeProfile: schema.conversations.closeProfile })
      .from(schema.conversations)
      .where(eq(schema.conversations.id, id));
    expect(row).toEqual({ state: "closed", closeProfile: "Resolved" });
  });
});
