import { InngestTestEngine } from "@inngest/test";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { env } from "@/server/env";
import { inngest } from "@/server/jobs/client";
import { SALESFORCE_SANDBOX_CREDENTIALS, salesforceFake } from "@/server/sandbox/salesforce";
import { startSandbox, type Sandbox } from "@/server/sandbox/server";
import { callerFor, createWorkspace } from "@/server/testing/fixtures";
import syncCase from "./sync-case";

const fake = salesforceFake();
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [fake] });
  env.SANDBOX_URL = sandbox.url;
  vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await sandbox.close();
});

/** A closed conversation of one inbound message, in a workspace with Salesforce connected. */
async function closedConversation(customerCommentUsername?: string) {
  const { db, admin, workspace } = await createWorkspace();
  const api = await callerFor(admin);
  await api.integration.connect({
    vendor: "salesforce",
    label: "Salesforce",
    sandbox: true,
    settings: {
      loginUrl: "https://login.salesforce.com",
      flow: "password",
      ...SALESFORCE_SANDBOX_CREDENTIALS,
      apiVersion: "62.0",
      setAuditFields: true,
      addAttachments: false,
      customerCommentUsername: "customer@demo.switchboard.test",
      enabled: true,
    },
  });
  // Changed in Salesforce after connecting: e.g. the customer-comment user was renamed.
  const setUsername = (username: string) =>
    db
      .update(schema.integrations)
      .set({
        config: sql`${schema.integrations.config} || ${JSON.stringify({ customerCommentUsername: username })}::jsonb`,
      })
      .where(and(eq(schema.integrations.workspaceId, workspace.id), eq(schema.integrations.vendor, "salesforce")));
  if (customerCommentUsername) await setUsername(customerCommentUsername);
  const [mitto] = await db
    .insert(schema.integrations)
    .values({ workspaceId: workspace.id, vendor: "mitto", label: "Mitto", sandbox: true, status: "active" })
    .returning({ id: schema.integrations.id });
  const [contact] = await db
    .insert(schema.contacts)
    .values({
      workspaceId: workspace.id,
      mobileNumber: `+39333${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`,
      firstName: "Maria",
    })
    .returning({ id: schema.contacts.id });
  const [conversation] = await db
    .insert(schema.conversations)
    .values({
      workspaceId: workspace.id,
      contactId: contact?.id ?? "",
      integrationId: mitto?.id ?? "",
      channel: "whatsapp",
    })
    .returning({ id: schema.conversations.id });
  const id = conversation?.id ?? "";
  await db
    .insert(schema.conversationMessages)
    .values({ conversationId: id, direction: "inbound", body: "Hello", sentAt: new Date("2026-05-02T10:15:00Z") });
  await api.conversation.close({ id, profile: "Resolved" });
  return { db, id, setUsername };
}

const run = (name: string, conversationId: string) =>
  new InngestTestEngine({ function: syncCase }).execute({
    events: [{ name, data: { conversationId, requestedBy: null } } as never],
  });

describe("sync-case function", () => {
  it("opens the case on the close event; a duplicate event finds it done", async () => {
    const { db, id } = await closedConversation();
    const first = await run("switchboard/conversation.closed", id);
    expect(first.result).toMatchObject({
      status: "synced",
      alreadySynced: false,
      comments: 1,
      caseNumber: expect.stringMatching(/^\d{8}$/) as string,
    });
    const second = await run("switchboard/conversation.closed", id);
    expect(second.result).toMatchObject({ status: "synced", alreadySynced: true });
    expect(fake.records("Case").filter((c) => String(c.Subject).endsWith(`[${id}]`))).toHaveLength(1);
    const [sync] = await db.select().from(schema.caseSyncs).where(eq(schema.caseSyncs.conversationId, id));
    expect(sync?.status).toBe("synced");
  });

  it("stops without retrying when Salesforce refuses for a reason a person must fix, then the retry event completes it", async () => {
    const { id, setUsername } = await closedConversation("nobody@demo.switchboard.test");
    const failed = await run("switchboard/conversation.closed", id);
    expect(failed.error).toMatchObject({
      name: "NonRetriableError",
      message: expect.stringMatching(
        /nobody@demo\.switchboard\.test, who posts customer comments, does not exist/,
      ) as string,
    });

    await setUsername("customer@demo.switchboard.test");
    const retried = await run("switchboard/case-sync.retry-requested", id);
    expect(retried.result).toMatchObject({ status: "synced", comments: 1 });
    expect(fake.records("Case").filter((c) => String(c.Subject).endsWith(`[${id}]`))).toHaveLength(1);
  });
});
