import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema, type Db } from "@/db/client";
import { callerFor, createWorkspace } from "@/server/testing/fixtures";
import { lastDays } from "@/server/lib/days";
import { recordVendorCall } from "../integration/record-vendor-call";

// The dashboard's procedures through the tRPC caller, against a real database: every figure
// counted from rows written the way the app writes them, in the workspace's time zone.

// The database is created and migrated on first use: before the tests, under the hook's longer timeout.
beforeAll(() => getDb());

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

async function setUp() {
  const ws = await createWorkspace();
  const { db, workspace } = ws;
  // Far from UTC, so a day counted in UTC instead of the workspace's zone would show.
  await db
    .update(schema.workspaces)
    .set({ defaultTimeZone: "Pacific/Kiritimati" })
    .where(eq(schema.workspaces.id, workspace.id));
  const [integration] = await db
    .insert(schema.integrations)
    .values({ workspaceId: workspace.id, vendor: "mitto", label: "Mitto", status: "active" })
    .returning({ id: schema.integrations.id });
  const [sender] = await db
    .insert(schema.senders)
    .values({ integrationId: integration?.id ?? "", externalId: "s1", name: "Main", messagesPerSecond: 20 })
    .returning({ id: schema.senders.id });
  return { ...ws, integrationId: integration?.id ?? "", senderId: sender?.id ?? "" };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function campaign(s: Setup, status: "sending" | "completed", name: string) {
  const [row] = await s.db
    .insert(schema.campaigns)
    .values({
      workspaceId: s.workspace.id,
      name,
      channel: "whatsapp",
      integrationId: s.integrationId,
      senderId: s.senderId,
      trigger: "dialer",
      status,
      launchedAt: ago(HOUR),
      serviceLevelMinutes: 15,
    })
    .returning({ id: schema.campaigns.id });
  return row?.id ?? "";
}

type Status = (typeof schema.messageStatusEnum.enumValues)[number];
let line = 0;
/** `n` messages of a campaign in one status, handed over at `sentAt` (none for queued or skipped ones). */
async function messages(s: Setup, campaignId: string, n: number, status: Status, sentAt: Date | null, isTest = false) {
  await s.db.insert(schema.messages).values(
    Array.from({ length: n }, () => ({
      workspaceId: s.workspace.id,
      campaignId,
      integrationId: s.integrationId,
      channel: "whatsapp" as const,
      toNumber: "+4915100000000",
      occurrence: "upload-1",
      externalRef: `line-${++line}`,
      status,
      sentAt,
      isTest,
    })),
  );
}

describe("dashboard.overview", () => {
  it("is for signed-in users of both roles, for the last 7 or 30 days only", async () => {
    const { marketer, admin } = await createWorkspace();
    await expect((await callerFor(null)).dashboard.overview({ days: 7 })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect((await (await callerFor(marketer)).dashboard.overview({ days: 7 })).sends.days).toHaveLength(7);
    expect((await (await callerFor(admin)).dashboard.overview({ days: 30 })).sends.days).toHaveLength(30);
    await expect((await callerFor(marketer)).dashboard.overview({ days: 14 as 7 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("shows a sending campaign's progress, pace and finish, and no other campaign", async () => {
    const s = await setUp();
    const id = await campaign(s, "sending", "Spring sale");
    await campaign(s, "completed", "Winter sale");
    // 10 to send (the skipped one and the test send do not count): 6 processed, 4 still queued;
    // 5 handed over in the last seconds, so 0.5 msg/s achieved over the 10 s window.
    await messages(s, id, 4, "queued", null);
    await messages(s, id, 5, "sent", ago(2_000));
    await messages(s, id, 1, "failed", ago(HOUR / 2));
    await messages(s, id, 1, "skipped", null);
    await messages(s, id, 1, "delivered", ago(1_000), true);

    const before = Date.now();
    const { sending } = await (await callerFor(s.marketer)).dashboard.overview({ days: 7 });
    expect(sending).toHaveLength(1);
    const [row] = sending;
    expect(row).toMatchObject({
      id,
      name: "Spring sale",
      queued: 10,
      processed: 6,
      pace: { configured: 20, achieved: 0.5 },
    });
    // 4 left at 0.5 msg/s: about 8 s from now.
    const eta = (row?.finishesAt?.getTime() ?? 0) - before;
    expect(eta).toBeGreaterThan(7_000);
    expect(eta).toBeLessThan(9_000 + (Date.now() - before));
  });

  it("counts the period's sends per day in the workspace's time zone, with delivered, read and failed shares", async () => {
    const s = await setUp();
    const id = await campaign(s, "completed", "Reminders");
    const [yesterday, today] = lastDays(2, "Pacific/Kiritimati");
    // Today: 4 sent, 1 delivered, 2 read (read counts as delivered), 1 failed. Yesterday: 2 delivered.
    await messages(s, id, 1, "sent", ago(60_000));
    await messages(s, id, 1, "delivered", ago(60_000));
    await messages(s, id, 2, "read", ago(60_000));
    await messages(s, id, 1, "failed", ago(60_000));
    await messages(s, id, 2, "delivered", ago(24 * HOUR));
    // Ten days ago: only in the 30-day view. Never counted: queued and skipped ones, test sends.
    await messages(s, id, 3, "read", ago(10 * 24 * HOUR));
    await messages(s, id, 2, "queued", null);
    await messages(s, id, 1, "skipped", null);
    await messages(s, id, 2, "read", ago(60_000), true);
    // Another workspace's sends are not this one's.
    const other = await setUp();
    await messages(other, await campaign(other, "completed", "Theirs"), 5, "read", ago(60_000));

    const api = await callerFor(s.marketer);
    const week = await api.dashboard.overview({ days: 7 });
    expect(week.timeZone).toBe("Pacific/Kiritimati");
    expect(week.sends.days.slice(-2)).toEqual([
      { day: yesterday, sent: 2, delivered: 2, read: 0, failed: 0, deliveredRate: 1, readRate: 0, failedRate: 0 },
      { day: today, sent: 5, delivered: 3, read: 2, failed: 1, deliveredRate: 0.6, readRate: 0.4, failedRate: 0.2 },
    ]);
    expect(week.sends.days.slice(0, 5).every((d) => d.sent === 0 && d.deliveredRate === null)).toBe(true);
    expect(week.sends.totals).toEqual({
      sent: 7,
      delivered: 5,
      read: 2,
      failed: 1,
      deliveredRate: 5 / 7,
      readRate: 2 / 7,
      failedRate: 1 / 7,
    });
    const month = await api.dashboard.overview({ days: 30 });
    expect(month.sends.totals).toMatchObject({ sent: 10, delivered: 8, read: 5, failed: 1 });
  });

  it("counts opt-outs per day and channel from the consent ledger", async () => {
    const s = await setUp();
    const api = await callerFor(s.marketer);
    await api.contact.create({ mobileNumber: "+4915110000001", permissions: { whatsapp: "opt_out", sms: "opt_out" } });
    await api.contact.create({ mobileNumber: "+4915110000002", permissions: { whatsapp: "opt_out" } });
    await api.contact.create({ mobileNumber: "+4915110000003", permissions: { whatsapp: "opt_in" } });
    await recordedOptOut(s.db, s.workspace.id, "+4915110000004", ago(24 * HOUR));
    await recordedOptOut(s.db, (await createWorkspace()).workspace.id, "+4915110000005", ago(60_000));

    const [yesterday, today] = lastDays(2, "Pacific/Kiritimati");
    const { optOuts } = await api.dashboard.overview({ days: 7 });
    expect(optOuts.days.slice(-2)).toEqual([
      { day: yesterday, whatsapp: 0, sms: 1, email: 0 },
      { day: today, whatsapp: 2, sms: 1, email: 0 },
    ]);
    expect(optOuts.totals).toEqual({ whatsapp: 2, sms: 2, email: 0 });
    expect(optOuts.total).toBe(4);
    // The card's link: the contacts opted out of WhatsApp, and of nothing else.
    const optedOut = await api.contact.list({ consent: { channel: "whatsapp", state: "opt_out" } });
    expect(optedOut.items.map((c) => c.mobileNumber).sort()).toEqual(["+4915110000001", "+4915110000002"]);
  });

  it("counts conversations waiting and past their service level, as the conversations list filters them", async () => {
    const s = await setUp();
    const withLevel = await campaign(s, "completed", "With a service level");
    const [contact] = await s.db
      .insert(schema.contacts)
      .values({ workspaceId: s.workspace.id, mobileNumber: "+4915110000009" })
      .returning({ id: schema.contacts.id });
    const conversation = async (values: Partial<typeof schema.conversations.$inferInsert>) => {
      const [row] = await s.db
        .insert(schema.conversations)
        .values({
          workspaceId: s.workspace.id,
          contactId: contact?.id ?? "",
          integrationId: s.integrationId,
          channel: "whatsapp",
          ...values,
        })
        .returning({ id: schema.conversations.id });
      return row?.id ?? "";
    };
    // Due 15 minutes after the wait started: 30 minutes ago is overdue, 5 minutes ago is not.
    const overdue = await conversation({ campaignId: withLevel, awaitingReplySince: ago(30 * 60_000) });
    await conversation({ campaignId: withLevel, awaitingReplySince: ago(5 * 60_000) });
    await conversation({ awaitingReplySince: ago(5 * HOUR) });
    // Not waiting: answered, or closed.
    await conversation({ campaignId: withLevel });
    await conversation({ campaignId: withLevel, awaitingReplySince: ago(HOUR), state: "closed" });

    const api = await callerFor(s.marketer);
    expect((await api.dashboard.overview({ days: 7 })).conversations).toEqual({ waiting: 3, overdue: 1 });
    expect((await api.conversation.list({ filter: "waiting" })).items).toHaveLength(3);
    expect((await api.conversation.list({ filter: "overdue" })).items.map((c) => c.id)).toEqual([overdue]);
  });
});

async function recordedOptOut(db: Db, workspaceId: string, address: string, at: Date) {
  await db
    .insert(schema.consentEvents)
    .values({ workspaceId, channel: "sms", address, state: "opt_out", source: "keyword", evidence: "STOP", at });
}

describe("dashboard.integrationProblems", () => {
  it("lists, for admins only, the integrations in error, with failed calls, or silent webhooks", async () => {
    const s = await setUp();
    await expect((await callerFor(s.marketer)).dashboard.integrationProblems()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const [broken, failing, silent] = await s.db
      .insert(schema.integrations)
      .values([
        { workspaceId: s.workspace.id, vendor: "wavy", label: "Broken", status: "error" },
        { workspaceId: s.workspace.id, vendor: "salesforce", label: "Failing", status: "active" },
        { workspaceId: s.workspace.id, vendor: "wavy", label: "Silent", status: "active" },
      ])
      .returning({ id: schema.integrations.id });
    await recordVendorCall(s.db, failing?.id ?? "", "case_sync", false, "401 Unauthorized");
    await recordVendorCall(s.db, s.integrationId, "send", true, null);
    // A message sent three hours ago still without its report, and no callback since.
    const id = await campaign(s, "completed", "Quiet");
    await s.db.insert(schema.messages).values({
      workspaceId: s.workspace.id,
      campaignId: id,
      integrationId: silent?.id ?? "",
      channel: "whatsapp",
      toNumber: "+4915100000001",
      occurrence: "upload-1",
      status: "sent",
      vendorMessageId: "v-1",
      sentAt: ago(3 * HOUR),
      statusAt: ago(3 * HOUR),
    });

    const problems = await (await callerFor(s.admin)).dashboard.integrationProblems();
    expect(problems.map((p) => [p.label, p.problems.map((x) => x.kind)]).sort()).toEqual([
      ["Broken", ["error"]],
      ["Failing", ["failures"]],
      ["Silent", ["silentWebhooks"]],
    ]);
    expect(problems.find((p) => p.id === broken?.id)?.vendor).toBe("wavy");
  });
});
