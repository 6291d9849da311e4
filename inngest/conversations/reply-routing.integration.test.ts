import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { schema, type Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/sessions";
import { receiveInboundMessage } from "@/server/domains/conversation/receive-inbound-message";
import { campaignMessagesQueued, dialerListUploaded, inboundMessageReceived } from "@/server/jobs/events";
import { WAVY_SANDBOX_CREDENTIALS, wavyFake } from "@/server/sandbox/wavy";
import { callerFor, campaignDraft, createWorkspace, useSandbox } from "@/server/testing/fixtures";
import { captureEvents, runFunction, statusReportsIn, type SentEvent } from "@/server/testing/inngest";
import { receiveWebhook } from "@/server/webhooks/receive";
import applyMessageStatus, { UNKNOWN_REPORT_ROUNDS } from "../campaigns/apply-message-status";
import deliverMessages from "../campaigns/deliver-messages";
import handOverQueued from "../campaigns/hand-over-queued";
import receiveInbound from "./receive-inbound-message";

// Replies on a Wavy integration connected in the test (not the demo seed), through the real
// path: a dialer list sent through the Wavy sandbox, customers texting back through the fake's
// inbound callback posted to the webhook intake, the Inngest functions run in the test engine,
// agents replying through tRPC, and the fake's status callbacks applied to the replies.

const wavy = wavyFake();
const sandbox = useSandbox([wavy]);
let sent: SentEvent[] = [];
beforeEach(() => {
  sent = captureEvents();
});
afterEach(() => vi.restoreAllMocks());

/** A Wavy integration with an approved HSM code, and a launched dialer campaign on it. */
async function setUp(serviceLevelMinutes: number | null = 15) {
  const { db, admin, marketer } = await createWorkspace();
  const adminApi = await callerFor(admin);
  const connected = await adminApi.integration.connect({
    vendor: "wavy",
    label: "Wavy",
    sandbox: true,
    settings: { ...WAVY_SANDBOX_CREDENTIALS, dids: [...WAVY_SANDBOX_CREDENTIALS.dids] },
  });
  const integrationId = connected.id ?? "";
  // Nothing listens at the portal's webhook URLs here: the sandbox keeps its callbacks in its
  // log (unregistered, so not retried), and the test posts them to the webhook intake itself.
  sandbox.current.callbacks.clear();
  // Wavy has no template API: the code is stored as an admin would add it.
  await db.insert(schema.templates).values({
    integrationId,
    name: "chatclub_open_session_v2",
    language: "pt_BR",
    category: "UTILITY",
    status: "APPROVED",
    components: [],
    body: "{{1}} reports: {{2}}",
    placeholderCount: 2,
    sampleValues: [],
  });
  const [sender] = await db
    .select({ id: schema.senders.id })
    .from(schema.senders)
    .where(eq(schema.senders.integrationId, integrationId));
  const api = await callerFor(marketer);
  const { id } = await api.campaign.create(
    campaignDraft({
      name: "Appointments",
      integrationId,
      senderId: sender?.id ?? null,
      trigger: "dialer",
      schedule: null,
      serviceLevelMinutes,
    }),
  );
  await api.campaign.launch({ id });
  const [integration] = await db
    .select({ token: schema.integrations.webhookToken })
    .from(schema.integrations)
    .where(eq(schema.integrations.id, integrationId));
  return { db, admin, marketer, api, adminApi, integrationId, token: integration?.token ?? null, campaignId: id };
}
type Setup = Awaited<ReturnType<typeof setUp>>;

/** Uploads the numbers as a dialer list and sends it through the Wavy sandbox. */
async function dial(s: Setup, numbers: string[]) {
  const csv = numbers.map((n) => `${n.slice(1)},hsm:chatclub_open_session_v2:Integra:Operation performed`).join("\n");
  await s.api.campaign.uploadList({ id: s.campaignId, csv });
  const uploaded = sent.filter((e) => e.name === dialerListUploaded.name).at(-1)!;
  const { sent: chunks } = await runFunction(handOverQueued, uploaded, ["deliver-page-0"]);
  const chunk = chunks.find((e) => e.name === campaignMessagesQueued.name)!;
  expect((await runFunction(deliverMessages, chunk, [])).result).toMatchObject({ sent: numbers.length });
}

/** The Wavy callbacks of `kind` the sandbox emitted (first attempts), as raw bodies. */
async function callbacks(kind: "message" | "status", match: (item: Record<string, unknown>) => boolean) {
  await sandbox.current.callbacks.idle();
  return sandbox.current.callbacks
    .log()
    .filter((d) => d.vendor === "wavy" && d.kind === kind && d.attempt === 1)
    .filter((d) => match((d.body as { data: Record<string, unknown>[] }).data[0]!))
    .map((d) => JSON.stringify(d.body));
}

async function post(s: Setup, kind: "message" | "status", raw: string) {
  const answer = await receiveWebhook(s.db, {
    vendor: "wavy",
    integrationId: s.integrationId,
    kind,
    token: s.token,
    signature: null,
    raw,
  });
  expect(answer.status).toBe(200);
}

/** A customer texts the Wavy number; the callback goes through the intake and receive-inbound-message. */
async function customerTexts(s: Setup, from: string, text: string) {
  const message = wavy.receiveInbound(from, text);
  const [raw] = await callbacks("message", (item) => item.id === message.id);
  sent.length = 0;
  await post(s, "message", raw!);
  const event = sent.find((e) => e.name === inboundMessageReceived.name)!;
  const { error } = await runFunction(receiveInbound, event, []);
  expect(error).toBeUndefined();
}

const conversationFrom = async (db: Db, number: string) => {
  const [row] = await db
    .select({ conversation: schema.conversations, contact: schema.contacts })
    .from(schema.conversations)
    .innerJoin(schema.contacts, eq(schema.contacts.id, schema.conversations.contactId))
    .where(eq(schema.contacts.mobileNumber, number));
  return row!;
};

const byId = (a: SessionUser, b: SessionUser) => (a.userId < b.userId ? [a, b] : [b, a]);

describe("replies to a Wavy campaign", () => {
  it("are assigned round-robin to its two members, one turn per conversation, even when they arrive together", async () => {
    const s = await setUp();
    for (const user of [s.admin, s.marketer]) await s.api.campaign.addMember({ id: s.campaignId, userId: user.userId });
    // Adding twice changes nothing; both members are listed on the campaign.
    expect(await s.api.campaign.addMember({ id: s.campaignId, userId: s.admin.userId })).toMatchObject({
      changed: false,
    });
    expect((await s.api.campaign.get({ id: s.campaignId })).members.map((m) => m.email).sort()).toEqual(
      [s.admin.email, s.marketer.email].sort(),
    );
    const numbers = ["+5511999990101", "+5511999990102", "+5511999990103", "+5511999990104", "+5511999990105"];
    await dial(s, numbers);

    // Two replies at once, then a third; a second message in an assigned conversation takes no turn.
    const inbound = (from: string, text: string) =>
      receiveInboundMessage(s.db, {
        receiptId: randomUUID(),
        integrationId: s.integrationId,
        message: {
          vendorMessageId: randomUUID(),
          from,
          to: null,
          text,
          attachments: [],
          receivedAt: new Date().toISOString(),
        },
      });
    await Promise.all([inbound(numbers[0]!, "Can I move it?"), inbound(numbers[1]!, "Which day?")]);
    await inbound(numbers[0]!, "To 3pm?");
    await inbound(numbers[2]!, "Thanks");
    await inbound(numbers[3]!, "OK");
    const agents = await Promise.all(
      numbers.slice(0, 4).map(async (n) => (await conversationFrom(s.db, n)).conversation),
    );
    const [first, second] = byId(s.admin, s.marketer);
    const counts = new Map<string | null, number>();
    for (const c of agents) counts.set(c.agentUserId, (counts.get(c.agentUserId) ?? 0) + 1);
    expect(counts).toEqual(
      new Map([
        [first!.userId, 2],
        [second!.userId, 2],
      ]),
    );
    // The two that came together went to different members; the next ones continued the turns.
    expect(agents[0]!.agentUserId).not.toBe(agents[1]!.agentUserId);
    expect(agents[2]!.agentUserId).toBe(first!.userId);
    expect(agents[3]!.agentUserId).toBe(second!.userId);
    expect(agents.every((c) => c.campaignId === s.campaignId)).toBe(true);

    // A removed member gets no more turns.
    await s.api.campaign.removeMember({ id: s.campaignId, userId: first!.userId });
    await inbound(numbers[4]!, "Hello");
    expect((await conversationFrom(s.db, numbers[4]!)).conversation.agentUserId).toBe(second!.userId);
    const audit = await s.db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetId, s.campaignId));
    expect(
      audit
        .map((a) => a.action)
        .filter((a) => a.startsWith("campaign.member"))
        .sort(),
    ).toEqual(["campaign.member.add", "campaign.member.add", "campaign.member.remove"]);
  });

  it("lists the waiting ones by first-response due time, overdue first, and shows admins the response times", async () => {
    const s = await setUp(15);
    await s.api.campaign.addMember({ id: s.campaignId, userId: s.marketer.userId });
    const numbers = ["+5511999990201", "+5511999990202", "+5511999990203"];
    await dial(s, numbers);
    for (const n of numbers) await customerTexts(s, n, "Hi");
    const ids = await Promise.all(numbers.map(async (n) => (await conversationFrom(s.db, n)).conversation.id));
    // The second has waited 20 minutes: overdue under a 15-minute service level.
    const twentyMinutesAgo = new Date(Date.now() - 20 * 60_000);
    await s.db
      .update(schema.conversations)
      .set({ awaitingReplySince: twentyMinutesAgo, createdAt: twentyMinutesAgo })
      .where(eq(schema.conversations.id, ids[1]!));
    await s.db
      .update(schema.conversationMessages)
      .set({ sentAt: twentyMinutesAgo })
      .where(eq(schema.conversationMessages.conversationId, ids[1]!));
    // The third is answered at once.
    await s.api.conversation.reply({ id: ids[2]!, kind: "text", text: "Hello! How can I help?" });

    const page = await s.api.conversation.list({ filter: "open", limit: 1 });
    expect(page.items[0]).toMatchObject({ id: ids[1], overdue: true, waiting: true });
    expect(page.items[0]?.responseDueAt?.getTime()).toBe(twentyMinutesAgo.getTime() + 15 * 60_000);
    const rest = await s.api.conversation.list({ filter: "open", limit: 5, cursor: page.nextCursor });
    expect(rest.items.map((c) => c.id)).toEqual([ids[0], ids[2]]);
    expect(rest.items[0]).toMatchObject({ overdue: false, waiting: true });
    expect(rest.items[1]).toMatchObject({ waiting: false, responseDueAt: null });

    const times = await s.adminApi.campaign.responseTimes({ id: s.campaignId });
    expect(times).toMatchObject({ serviceLevelMinutes: 15, conversations: 3, answered: 1, withinServiceLevel: 0.5 });
    expect(times.medianSeconds).toBeGreaterThanOrEqual(0);
    expect(times.medianSeconds).toBeLessThan(60);
    await expect(s.api.campaign.responseTimes({ id: s.campaignId })).rejects.toThrow(/admin/i);
  });

  it("from a number that is no contact opens a conversation with a contact marked from a reply, never opted in, linked to the campaign", async () => {
    const s = await setUp();
    await s.api.campaign.addMember({ id: s.campaignId, userId: s.marketer.userId });
    const [hello, stop] = ["+5511999990301", "+5511999990302"];
    await dial(s, [hello, stop]);
    const before = await s.db
      .select()
      .from(schema.contacts)
      .where(eq(schema.contacts.workspaceId, s.admin.workspaceId));
    expect(before).toEqual([]);

    await customerTexts(s, hello, "Who is this?");
    await customerTexts(s, stop, "STOP");
    const a = await conversationFrom(s.db, hello);
    expect(a.contact).toMatchObject({ createdFrom: "reply", whatsappConsent: null, firstName: null });
    expect(a.conversation).toMatchObject({
      campaignId: s.campaignId,
      agentUserId: s.marketer.userId,
      state: "open",
    });
    // A STOP is honoured and still reaches an agent: the contact stays opted out.
    const b = await conversationFrom(s.db, stop);
    expect(b.contact).toMatchObject({ createdFrom: "reply", whatsappConsent: "opt_out" });
    expect(b.conversation.campaignId).toBe(s.campaignId);
    const consent = await s.db
      .select({ state: schema.consentEvents.state, contactId: schema.consentEvents.contactId })
      .from(schema.consentEvents)
      .where(eq(schema.consentEvents.workspaceId, s.admin.workspaceId));
    expect(consent).toEqual([{ state: "opt_out", contactId: b.contact.id }]);

    const mine = await s.api.conversation.list({ filter: "mine" });
    expect(mine.items.map((c) => c.mobileNumber).sort()).toEqual([hello, stop].sort());
  });

  it("stores an agent's reply with its vendor id and shows the delivery status the Wavy sandbox reports", async () => {
    const s = await setUp();
    const number = "+5511999990401";
    await dial(s, [number]);
    await customerTexts(s, number, "Can I move my appointment?");
    const { conversation } = await conversationFrom(s.db, number);

    await s.api.conversation.reply({ id: conversation.id, kind: "text", text: "Sure, to when?" });
    const [reply] = await s.db
      .select()
      .from(schema.messages)
      .where(and(eq(schema.messages.toNumber, number), eq(schema.messages.occurrence, "reply")));
    const vendorId = wavy.messages.find((m) => m.text === "Sure, to when?")?.id;
    expect(reply).toMatchObject({ status: "sent", vendorMessageId: vendorId, campaignId: null });
    let thread = (await s.api.conversation.get({ id: conversation.id })).messages;
    expect(thread.at(-1)).toMatchObject({ direction: "outbound", body: "Sure, to when?", status: "sent" });

    const [delivered] = await callbacks(
      "status",
      (item) => item.id === vendorId && item.deliveredStatus === "DELIVERED_SUCCESS",
    );
    sent.length = 0;
    await post(s, "status", delivered!);
    expect(statusReportsIn(sent)).toHaveLength(1);
    const { result, error } = await runFunction(applyMessageStatus, sent[0]!, []);
    expect(error).toBeUndefined();
    expect(result).toEqual({ applied: 1, dropped: 0 });
    thread = (await s.api.conversation.get({ id: conversation.id })).messages;
    expect(thread.at(-1)).toMatchObject({ status: "delivered" });
  });

  it("records a status report for an unknown vendor id once, applies one whose message appears during the wait, and drops the other with the reason", async () => {
    const s = await setUp();
    const number = "+5511999990501";
    await dial(s, [number]);
    const [late] = await s.db.select().from(schema.messages).where(eq(schema.messages.toNumber, number));
    // The message's vendor id is not recorded yet when its report comes (the report beat the commit).
    await s.db.update(schema.messages).set({ vendorMessageId: null }).where(eq(schema.messages.id, late!.id));
    const statusBody = (id: string) =>
      JSON.stringify({
        total: 1,
        data: [
          {
            id,
            correlationId: null,
            destination: number.slice(1),
            origin: "5511000000000",
            sent: true,
            sentStatusCode: 2,
            sentStatus: "SENT_SUCCESS",
            sentAt: Date.now(),
            updatedAt: Date.now(),
            delivered: true,
            deliveredStatusCode: 4,
            deliveredStatus: "DELIVERED_SUCCESS",
            deliveredAt: Date.now(),
          },
        ],
      });
    const unknownId = randomUUID();
    sent.length = 0;
    await post(s, "status", statusBody(late!.vendorMessageId!));
    await post(s, "status", statusBody(unknownId));
    await post(s, "status", statusBody(unknownId)); // the vendor's redelivery: recorded once
    const reports = statusReportsIn(sent);
    expect(reports).toHaveLength(2);
    const event = { name: sent[0]!.name, data: { reports } };

    // Time passes only in the sleeps, which the test engine answers at once: during the first
    // the late message's id is recorded; the unknown one waits every round, then is dropped.
    const sleeps = Array.from({ length: UNKNOWN_REPORT_ROUNDS }, (_, round) => ({
      id: `wait-for-messages-${round}`,
      handler: async () => {
        if (round === 0)
          await s.db
            .update(schema.messages)
            .set({ vendorMessageId: late!.vendorMessageId })
            .where(eq(schema.messages.id, late!.id));
      },
    }));
    const { result, error } = await runFunction(applyMessageStatus, event, [], sleeps);
    expect(error).toBeUndefined();
    expect(result).toEqual({ applied: 1, dropped: 1 });
    const [message] = await s.db.select().from(schema.messages).where(eq(schema.messages.id, late!.id));
    expect(message?.status).toBe("delivered");
    const receipts = await s.db
      .select()
      .from(schema.webhookReceipts)
      .where(and(eq(schema.webhookReceipts.integrationId, s.integrationId), eq(schema.webhookReceipts.kind, "status")));
    const dropped = receipts.filter((r) => r.idempotencyKey.includes(unknownId));
    expect(dropped).toHaveLength(1);
    expect(dropped[0]?.processedAt).not.toBeNull();
    expect(dropped[0]?.droppedReason).toMatch(/^No message has this vendor id after waiting 60 s/);
    expect(receipts.find((r) => r.idempotencyKey.includes(late!.vendorMessageId!))?.droppedReason).toBeNull();
  });
});
