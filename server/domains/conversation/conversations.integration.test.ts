import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { schema, type Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/sessions";
import { env } from "@/server/env";
import { inngest } from "@/server/jobs/client";
import { MITTO_SANDBOX_WHATSAPP_ACCOUNTS, mittoFake } from "@/server/sandbox/mitto";
import { salesforceFake } from "@/server/sandbox/salesforce";
import { sandboxSettings } from "@/server/domains/integration/sandbox-settings";
import { startSandbox, type Sandbox } from "@/server/sandbox/server";
import { WAVY_SANDBOX_CREDENTIALS, wavyFake } from "@/server/sandbox/wavy";
import { callerFor, connectMittoSandbox, createWorkspace } from "@/server/testing/fixtures";
import { handleDeskClose } from "@/server/http/desk-close";
import { derivedDeskToken } from "@/server/domains/workspace/desk-token";
import { inboundMessageReceived } from "@/server/jobs/events";
import { receiveWebhook } from "@/server/webhooks/receive";
import { receiveInboundMessage } from "./receive-inbound-message";

// The conversations screen's procedures and the desk webhook, against a real database and the
// Wavy, Mitto and Salesforce sandboxes.

let sandbox: Sandbox;
let db: Db;
let admin: SessionUser;
let marketer: SessionUser;
let wavyId = "";
let mittoId = "";
const mitto = mittoFake();
let sent: { name: string; data: Record<string, unknown>; id?: string }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [wavyFake(), mitto, salesforceFake()] });
  env.SANDBOX_URL = sandbox.url;
  vi.spyOn(inngest, "send").mockImplementation((payload) => {
    sent.push(...((Array.isArray(payload) ? payload : [payload]) as typeof sent));
    return Promise.resolve({ ids: [] });
  });
  const created = await createWorkspace();
  ({ db, admin, marketer } = created);
  const api = await callerFor(admin);
  const wavy = await api.integration.connect({
    vendor: "wavy",
    label: "Wavy",
    sandbox: true,
    settings: { ...WAVY_SANDBOX_CREDENTIALS, dids: [...WAVY_SANDBOX_CREDENTIALS.dids] },
  });
  wavyId = wavy.id ?? "";
  ({ integrationId: mittoId } = await connectMittoSandbox(admin));
  await api.integration.connect({
    vendor: "salesforce",
    label: "Salesforce",
    sandbox: true,
    settings: sandboxSettings.salesforce,
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await sandbox.close();
});
beforeEach(() => {
  sent = [];
});

let seq = 0;
async function customerWritesIn(text: string, firstName = "Ana") {
  seq += 1;
  const mobileNumber = `+55119999900${String(seq).padStart(2, "0")}`;
  const api = await callerFor(admin);
  const contact = await api.contact.create({ mobileNumber, firstName, permissions: { whatsapp: "opt_in" } });
  return { contactId: contact.id, mobileNumber };
}
async function inbound(mobileNumber: string, text: string, integrationId = wavyId, to: string | null = null) {
  await receiveInboundMessage(db, {
    receiptId: randomUUID(),
    integrationId,
    message: {
      vendorMessageId: randomUUID(),
      from: mobileNumber,
      to,
      text,
      attachments: [{ url: "https://media.example/receipt.jpg", fileName: "receipt.jpg" }],
      receivedAt: new Date().toISOString(),
    },
  });
  const [c] = await db
    .select()
    .from(schema.conversations)
    .where(and(eq(schema.conversations.integrationId, integrationId), eq(schema.conversations.state, "open")))
    .orderBy(schema.conversations.createdAt);
  return c;
}
const conversationOf = async (contactId: string) =>
  (await db.select().from(schema.conversations).where(eq(schema.conversations.contactId, contactId)))[0];

describe("conversations", () => {
  it("a reply to a campaign lands with a member agent, and shows when the first response is due", async () => {
    const { contactId, mobileNumber } = await customerWritesIn("hi");
    const [campaign] = await db
      .insert(schema.campaigns)
      .values({
        workspaceId: admin.workspaceId,
        name: "Appointments",
        channel: "whatsapp",
        integrationId: wavyId,
        trigger: "dialer",
        serviceLevelMinutes: 15,
      })
      .returning({ id: schema.campaigns.id });
    await db.insert(schema.campaignMembers).values({ campaignId: campaign?.id ?? "", userId: marketer.userId });
    await db.insert(schema.messages).values({
      workspaceId: admin.workspaceId,
      campaignId: campaign?.id,
      contactId,
      integrationId: wavyId,
      channel: "whatsapp",
      toNumber: mobileNumber,
      occurrence: "upload-1",
      status: "delivered",
    });

    await inbound(mobileNumber, "Can I move it to 3pm?");
    const conversation = await conversationOf(contactId);
    expect(conversation).toMatchObject({
      campaignId: campaign?.id,
      agentUserId: marketer.userId,
      agentEmail: marketer.email,
    });

    const mine = await (await callerFor(marketer)).conversation.list({ filter: "mine" });
    const row = mine.items.find((c) => c.id === conversation?.id);
    expect(row).toMatchObject({
      campaignName: "Appointments",
      waiting: true,
      windowOpen: true,
      lastMessageBody: "Can I move it to 3pm?",
      lastMessageDirection: "inbound",
    });
    expect(row?.responseDueAt?.getTime()).toBe((conversation?.awaitingReplySince?.getTime() ?? 0) + 15 * 60_000);
    expect(
      (await (await callerFor(admin)).conversation.list({ filter: "mine" })).items.some(
        (c) => c.id === conversation?.id,
      ),
    ).toBe(false);
  });

  it("opens the 24-hour window from when Switchboard received the message, not a vendor time ahead of it", async () => {
    const { contactId, mobileNumber } = await customerWritesIn("hi");
    const [wavy] = await db
      .select({ token: schema.integrations.webhookToken })
      .from(schema.integrations)
      .where(eq(schema.integrations.id, wavyId));
    const raw = JSON.stringify({
      total: 1,
      data: [
        {
          id: randomUUID(),
          source: mobileNumber.slice(1),
          message: { type: "TEXT", messageText: "hello from the future" },
          receivedAt: Date.now() + 10 * 86_400_000,
        },
      ],
    });
    const before = Date.now();
    expect(
      (
        await receiveWebhook(db, {
          vendor: "wavy",
          integrationId: wavyId,
          kind: "message",
          token: wavy?.token ?? null,
          signature: null,
          raw,
        })
      ).status,
    ).toBe(200);
    const event = sent.find((e) => e.name === inboundMessageReceived.name);
    await receiveInboundMessage(db, event?.data as Parameters<typeof receiveInboundMessage>[1]);
    const expires = (await conversationOf(contactId))?.sessionExpiresAt?.getTime() ?? 0;
    expect(expires).toBeGreaterThanOrEqual(before + 86_400_000 - 5_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 86_400_000);
  });

  it("shows the thread and window, replies with free text inside the window and a template outside it", async () => {
    const { contactId, mobileNumber } = await customerWritesIn("hi");
    const conversation = await inbound(mobileNumber, "Hello?");
    const id = (await conversationOf(contactId))?.id ?? conversation?.id ?? "";
    const api = await callerFor(admin);

    const detail = await api.conversation.get({ id });
    expect(detail).toMatchObject({ state: "open", windowOpen: true, waiting: true, caseSync: null });
    expect(detail.messages).toMatchObject([
      { direction: "inbound", body: "Hello?", attachments: [{ fileName: "receipt.jpg" }] },
    ]);

    await api.conversation.reply({ id, kind: "text", text: "Hi Ana, how can I help?" });
    const after = await api.conversation.get({ id });
    expect(after.messages.map((m) => [m.direction, m.body, m.authorEmail])).toEqual([
      ["inbound", "Hello?", null],
      ["outbound", "Hi Ana, how can I help?", admin.email],
    ]);
    expect(after).toMatchObject({ waiting: false, agentEmail: admin.email });

    await db
      .update(schema.conversations)
      .set({ sessionExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.conversations.id, id));
    await expect(api.conversation.reply({ id, kind: "text", text: "Still there?" })).rejects.toThrow(
      /24-hour window is closed/,
    );
    const [template] = await db
      .insert(schema.templates)
      .values({
        integrationId: wavyId,
        name: "chatclub_open_session_v2",
        language: "pt_BR",
        category: "UTILITY",
        status: "APPROVED",
        components: [],
        body: "{{1}} reports: {{2}}",
        placeholderCount: 2,
        sampleValues: [],
      })
      .returning({ id: schema.templates.id });
    await api.conversation.reply({
      id,
      kind: "template",
      templateId: template?.id ?? "",
      parameters: ["Integra", "Operation performed"],
    });
    expect((await api.conversation.get({ id })).messages.at(-1)?.body).toBe("Integra reports: Operation performed");
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, id), eq(schema.auditLog.action, "conversation.reply")));
    expect(audit).toHaveLength(2);
  });

  it("replies through Mitto with free text inside the window, from the number the customer wrote to", async () => {
    const { contactId, mobileNumber } = await customerWritesIn("hi");
    // The German number, though "Switchboard Demo Brasil" is the account first by name.
    const [german] = MITTO_SANDBOX_WHATSAPP_ACCOUNTS;
    await inbound(mobileNumber, "Is my order on its way?", mittoId, german?.phoneNumber);
    const id = (await conversationOf(contactId))?.id ?? "";
    const api = await callerFor(marketer);
    const detail = await api.conversation.get({ id });
    expect(detail).toMatchObject({ integrationLabel: "Mitto", windowOpen: true });
    // What the reply box tells the agent: when the customer wrote, 24 h before the window closes.
    expect(detail.sessionExpiresAt && detail.customerWroteAt).toBeTruthy();
    expect((detail.sessionExpiresAt?.getTime() ?? 0) - (detail.customerWroteAt?.getTime() ?? 0)).toBe(86_400_000);

    await api.conversation.reply({ id, kind: "text", text: "Yes: it arrives tomorrow." });
    expect(mitto.messages.at(-1)).toMatchObject({
      text: "Yes: it arrives tomorrow.",
      deliveryStatus: "Delivered",
      requestInfo: { trafficAccountId: german?.id, destination: mobileNumber, whatsapp: { type: "text" } },
    });
    expect((await api.conversation.get({ id })).messages.at(-1)).toMatchObject({
      direction: "outbound",
      body: "Yes: it arrives tomorrow.",
      status: "sent",
    });
  });

  it("closes from the portal with a profile, queues the case once, and shows the sync as pending", async () => {
    const { contactId, mobileNumber } = await customerWritesIn("hi");
    await inbound(mobileNumber, "Thanks, that's all");
    const id = (await conversationOf(contactId))?.id ?? "";
    const api = await callerFor(marketer);
    expect(await api.conversation.close({ id, profile: "Resolved" })).toMatchObject({
      closed: true,
      caseSync: "pending",
    });
    expect(await api.conversation.close({ id })).toMatchObject({ closed: false });
    expect(sent.filter((e) => e.name === "switchboard/conversation.closed")).toEqual([
      expect.objectContaining({ data: { conversationId: id }, id: `conversation-closed-${id}` }),
    ]);

    const detail = await api.conversation.get({ id });
    expect(detail).toMatchObject({
      state: "closed",
      closeProfile: "Resolved",
      closedBy: marketer.email,
      agentEmail: marketer.email,
      caseSync: { status: "pending", caseNumber: null },
    });
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, id), eq(schema.auditLog.action, "conversation.close")));
    expect(audit).toMatchObject({ actorUserId: marketer.userId });
    expect((await api.conversation.list({ filter: "closed" })).items.map((c) => c.id)).toContain(id);
    expect((await api.conversation.syncHistory({})).items.map((s) => [s.conversationId, s.status])).toContainEqual([
      id,
      "pending",
    ]);
  });

  it("retries a failed sync with a new event, and refuses to retry a synced one", async () => {
    const { contactId, mobileNumber } = await customerWritesIn("hi");
    await inbound(mobileNumber, "bye");
    const id = (await conversationOf(contactId))?.id ?? "";
    const api = await callerFor(admin);
    await api.conversation.close({ id });
    await db
      .update(schema.caseSyncs)
      .set({
        status: "failed",
        lastError: "Salesforce refused",
        attempts: [{ at: new Date().toISOString(), ok: false, error: "Salesforce refused" }],
      })
      .where(eq(schema.caseSyncs.conversationId, id));
    sent = [];
    expect(await api.conversation.retrySync({ conversationId: id })).toEqual({ conversationId: id, status: "pending" });
    expect(sent).toEqual([
      expect.objectContaining({ name: "switchboard/case-sync.retry-requested", id: `case-sync-retry-${id}-1` }),
    ]);
    await db
      .update(schema.caseSyncs)
      .set({ status: "synced", caseNumber: "00001001" })
      .where(eq(schema.caseSyncs.conversationId, id));
    await expect(api.conversation.retrySync({ conversationId: id })).rejects.toThrow(
      /already in Salesforce \(00001001\)/,
    );
  });

  it("lets an external desk close a conversation with the workspace's bearer token (the derived one, never rotated), idempotently", async () => {
    const { contactId, mobileNumber } = await customerWritesIn("hi");
    await inbound(mobileNumber, "Need help");
    const id = (await conversationOf(contactId))?.id ?? "";
    const close = (body: unknown, token?: string) =>
      handleDeskClose(
        new Request(`http://portal/api/conversations/${id}/close`, {
          method: "POST",
          headers: token ? { authorization: `Bearer ${token}` } : {},
          body: JSON.stringify(body),
        }),
        id,
      );
    const token = derivedDeskToken(admin.workspaceId);

    expect((await close({})).status).toBe(401);
    expect((await close({}, "wrong")).status).toBe(404);
    expect((await close({}, derivedDeskToken(randomUUID()))).status).toBe(404);
    const bad = await close({ agentEmail: "not-an-email" }, token);
    expect(bad.status).toBe(400);
    expect((await bad.json()) as unknown).toMatchObject({ error: expect.stringContaining("agentEmail") as string });

    const first = await close({ profile: "Sale", agentEmail: admin.email }, token);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ id, closed: true, alreadyClosed: false, caseSync: "pending" });
    const again = await close({ profile: "Other" }, token);
    expect(await again.json()).toMatchObject({ closed: false, alreadyClosed: true });
    expect(await conversationOf(contactId)).toMatchObject({
      state: "closed",
      closeProfile: "Sale",
      closedBy: `desk:${admin.email}`,
      agentUserId: admin.userId,
      agentEmail: admin.email,
    });
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, id), eq(schema.auditLog.action, "conversation.close")));
    expect(audit).toMatchObject({ actorKind: "vendor", actorUserId: null });
  });
});
