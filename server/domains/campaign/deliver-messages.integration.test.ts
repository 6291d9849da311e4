import { and, count, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { mittoFake } from "@/server/sandbox/mitto";
import { callerFor, campaignDraft, connectMittoSandbox, createWorkspace, useSandbox } from "@/server/testing/fixtures";
import { captureEvents, statusReportsIn } from "@/server/testing/inngest";
import { receiveWebhook } from "@/server/webhooks/receive";
import { applyMessageStatuses } from "./apply-message-status";
import { deliverMessages } from "./deliver-messages";
import { getCampaign } from "./get-campaign";
import { lookUpOverdueReports } from "./look-up-overdue-reports";
import { markAudienceQueued } from "./finish-campaign";
import { pacer } from "./pace";
import { claimMessages } from "./delivery-queries";
import { queueRecipients } from "./queue-recipients";
import { OUTCOME_UNKNOWN, settleFailedDelivery, settleInterruptedSends } from "./settle-interrupted-sends";

// One delivery run over a chunk of a campaign's messages against the Mitto sandbox: the chunk
// sent once each at the sender's pace, a pause taking effect part way, and an integration
// disabled after the launch stopping its sends.

const mitto = mittoFake();
const sandbox = useSandbox([mitto]);
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  sandbox.current.faults.clear();
});

/** A launched campaign to `n` opted-in contacts, its messages queued; the sender at `pace` a second. */
async function launched(n: number, pace: number) {
  const events = captureEvents();
  const { db, admin, marketer } = await createWorkspace();
  const api = await callerFor(marketer);
  const { integrationId, templateId, senderId } = await connectMittoSandbox(admin);
  await (await callerFor(admin)).integration.setSenderPace({ id: senderId, data: { messagesPerSecond: pace } });
  const tag = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
  await db.execute(sql`
    insert into contacts (workspace_id, mobile_number, country, first_name)
    select ${marketer.workspaceId}, '+4915' || ${tag} || lpad(i::text, 3, '0'), 'DE', 'Person ' || i from generate_series(1, ${n}) i`);
  await db.execute(sql`
    insert into consent_states (workspace_id, channel, address, state, source, at)
    select workspace_id, 'whatsapp', mobile_number, 'opt_in', 'import', now() from contacts where workspace_id = ${marketer.workspaceId}`);
  const segment = await api.segment.create({
    name: "Germany",
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "field", field: "country", operator: "eq", value: "DE" }],
    },
  });
  const { id } = await api.campaign.create(
    campaignDraft({
      name: "Chunk",
      integrationId,
      senderId,
      templateId,
      segmentId: segment.id,
      placeholderMappings: [{ kind: "field", field: "first_name" }],
    }),
  );
  await api.campaign.launch({ id });
  const { queued } = await queueRecipients(db, {
    campaignId: id,
    occurrence: "now",
    contactId: null,
    after: null,
    zones: null,
  });
  expect(queued).toHaveLength(n);
  const statuses = async () => {
    const rows = await db
      .select({ status: schema.messages.status, n: count() })
      .from(schema.messages)
      .where(eq(schema.messages.campaignId, id))
      .groupBy(schema.messages.status);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  };
  const sentTo = () =>
    mitto.messages
      .filter((m) => m.requestInfo.destination.startsWith(`+4915${tag}`))
      .map((m) => m.requestInfo.destination);
  return {
    db,
    api,
    admin: await callerFor(admin),
    workspaceId: marketer.workspaceId,
    id,
    integrationId,
    queued,
    statuses,
    sentTo,
    events,
  };
}

describe("a delivery run", () => {
  it("sends a chunk once each and records every outcome with the vendor's id", async () => {
    const c = await launched(120, 1_000);
    expect(await deliverMessages(c.db, c.id, c.queued)).toEqual({ sent: 120, failed: 0, skipped: 0 });
    expect(new Set(c.sentTo()).size).toBe(120);
    expect(c.sentTo()).toHaveLength(120);
    expect(await c.statuses()).toEqual({ sent: 120 });
    // The campaign page shows the sender's pace and what the last seconds achieved.
    const { pace } = await c.api.campaign.get({ id: c.id });
    expect(pace.configured).toBe(1_000);
    expect(pace.achieved).toBeGreaterThan(0);
    const [unrecorded] = await c.db
      .select({ n: count() })
      .from(schema.messages)
      .where(
        and(
          eq(schema.messages.campaignId, c.id),
          sql`(${schema.messages.vendorMessageId} is null or ${schema.messages.sentAt} is null)`,
        ),
      );
    expect(unrecorded?.n).toBe(0);
    // Run again (a redelivered event): nothing is sent twice.
    expect(await deliverMessages(c.db, c.id, c.queued)).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(c.sentTo()).toHaveLength(120);
  });

  it("stops part way when the campaign is paused, and the resumed run sends the rest, none twice", async () => {
    // 10 a second (half of 20 for each of the sender's two runs): 40 messages take 4 seconds.
    const c = await launched(40, 20);
    const run = deliverMessages(c.db, c.id, c.queued);
    await vi.waitFor(() => expect(c.sentTo().length).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
    await c.api.campaign.pause({ id: c.id });
    const first = await run;
    expect(first.paused).toBe(true);
    expect(first.sent).toBeLessThan(40);
    expect(await c.statuses()).toEqual({ sent: first.sent, queued: 40 - first.sent });

    await c.api.campaign.resume({ id: c.id });
    expect(await deliverMessages(c.db, c.id, c.queued)).toEqual({ sent: 40 - first.sent, failed: 0, skipped: 0 });
    expect(new Set(c.sentTo()).size).toBe(40);
    expect(c.sentTo()).toHaveLength(40);
  });

  it("sends a message the vendor keeps rate-limiting past the client's retries again in the same run, once, never before its Retry-After", async () => {
    const c = await launched(1, 1_000);
    // The client tries four times; the fifth 429 comes on the run's own second try.
    sandbox.current.faults.add({
      vendor: "mitto",
      kind: "rateLimit",
      pathPrefix: "/api/v1.1/Messages/send",
      times: 5,
      retryAfterSeconds: 0,
    });
    expect(await deliverMessages(c.db, c.id, c.queued)).toEqual({ sent: 1, failed: 0, skipped: 0 });
    expect(sandbox.current.faults.list()).toEqual([]);
    expect(c.sentTo()).toHaveLength(1);
    expect(sandbox.current.faults.earlyRetries).toBe(0);
  });

  it("sends nothing through an integration disabled after the launch", async () => {
    const c = await launched(5, 1_000);
    await c.admin.integration.setEnabled({ id: c.integrationId, data: { enabled: false } });
    expect(await deliverMessages(c.db, c.id, c.queued)).toEqual({ sent: 0, failed: 0, skipped: 5 });
    expect(c.sentTo()).toEqual([]);
    const rows = await c.db
      .select({ errorCode: schema.messages.errorCode })
      .from(schema.messages)
      .where(eq(schema.messages.campaignId, c.id));
    expect(rows.map((r) => r.errorCode)).toEqual(Array(5).fill("integration_unavailable"));
  });

  it("stops within about a second when the integration is disabled mid-run, and skips what it had not sent", async () => {
    // 10 a second for this run: 40 messages take 4 seconds.
    const c = await launched(40, 20);
    const run = deliverMessages(c.db, c.id, c.queued);
    await vi.waitFor(() => expect(c.sentTo().length).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
    await c.admin.integration.setEnabled({ id: c.integrationId, data: { enabled: false } });
    const tally = await run;
    expect(tally.sent).toBeLessThan(40);
    expect(tally).toEqual({ sent: tally.sent, failed: 0, skipped: 40 - tally.sent });
    expect(c.sentTo()).toHaveLength(tally.sent);
    expect(await c.statuses()).toEqual({ sent: tally.sent, skipped: 40 - tally.sent });
  });

  it("settles messages an interrupted run left claimed as unknown, never resent, and the campaign finishes", async () => {
    const c = await launched(3, 1_000);
    await markAudienceQueued(c.db, c.id);
    // A run claimed two and died before recording them; the third was never claimed.
    await claimMessages(c.db, c.queued.slice(0, 2));
    expect(await settleInterruptedSends(c.db)).toEqual({ campaigns: 0 });
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await settleInterruptedSends(c.db, later)).toEqual({ campaigns: 1 });
    expect(await c.statuses()).toEqual({ failed: 2, queued: 1 });
    const rows = await c.db
      .select({ errorCode: schema.messages.errorCode, errorMessage: schema.messages.errorMessage })
      .from(schema.messages)
      .where(and(eq(schema.messages.campaignId, c.id), eq(schema.messages.status, "failed")));
    expect(rows).toEqual(Array(2).fill({ errorCode: "outcome_unknown", errorMessage: OUTCOME_UNKNOWN }));
    // A later run sends the unclaimed one only, and the campaign completes with counts that add up.
    expect(await deliverMessages(c.db, c.id, c.queued)).toEqual({ sent: 1, failed: 0, skipped: 0 });
    expect(c.sentTo()).toHaveLength(1);
    expect(await markAudienceQueued(c.db, c.id)).toBe("completed");
    expect((await c.api.campaign.get({ id: c.id })).funnel).toMatchObject({
      queued: 3,
      sent: 1,
      failed: 2,
      pending: 0,
    });
  });

  it("a run that fails for good fails what it never handed over, so the campaign finishes with counts that add up", async () => {
    const c = await launched(3, 1_000);
    await markAudienceQueued(c.db, c.id);
    await claimMessages(c.db, c.queued.slice(0, 1));
    expect(await settleFailedDelivery(c.db, c.id, c.queued, "mitto answered 503")).toBeNull();
    expect(await c.statuses()).toEqual({ failed: 2, queued: 1 });
    const [notSent] = await c.db
      .select({ errorCode: schema.messages.errorCode, errorMessage: schema.messages.errorMessage })
      .from(schema.messages)
      .where(eq(schema.messages.id, c.queued[1] ?? ""));
    expect(notSent).toEqual({
      errorCode: "not_sent",
      errorMessage: expect.stringContaining("mitto answered 503") as string,
    });
    // The claimed one may have reached the vendor: it is settled as unknown, and the campaign completes.
    await settleInterruptedSends(c.db, new Date(Date.now() + 11 * 60_000));
    expect((await c.api.campaign.get({ id: c.id })).campaign.status).toBe("completed");
    expect(c.sentTo()).toEqual([]);
  });

  it("applies a batch of delivery reports, out of order and repeated, to each message's furthest status, once each", async () => {
    const c = await launched(2, 1_000);
    await deliverMessages(c.db, c.id, c.queued);
    const sent = await c.db
      .select({ id: schema.messages.id, vendorMessageId: schema.messages.vendorMessageId })
      .from(schema.messages)
      .where(eq(schema.messages.campaignId, c.id));
    const [integration] = await c.db
      .select({ token: schema.integrations.webhookToken })
      .from(schema.integrations)
      .where(eq(schema.integrations.id, c.integrationId));
    const dlr = (messageId: string, status: string) =>
      receiveWebhook(c.db, {
        vendor: "mitto",
        integrationId: c.integrationId,
        kind: "dlr",
        token: integration?.token ?? null,
        signature: null,
        raw: JSON.stringify({ messageId, status, errorcode: "0" }),
      });
    const [a, b] = sent.map((m) => m.vendorMessageId ?? "");
    for (const [id, status] of [
      [a!, "Read"],
      [a!, "Sent"],
      [b!, "Delivered"],
      [a!, "Delivered"],
      ["01UNKNOWN0000000000000000", "Read"],
    ] as const)
      expect((await dlr(id, status)).status).toBe(200);
    const reports = statusReportsIn(c.events);
    expect(reports).toHaveLength(5);
    const first = await applyMessageStatuses(c.db, [...reports, reports[0]!]);
    expect(first.applied).toBe(4);
    expect(first.unknown.map((r) => r.update.vendorMessageId)).toEqual(["01UNKNOWN0000000000000000"]);
    // The same batch again (a retried run): nothing applies twice.
    expect((await applyMessageStatuses(c.db, reports)).applied).toBe(0);
    const rows = await c.db
      .select({ vendorMessageId: schema.messages.vendorMessageId, status: schema.messages.status })
      .from(schema.messages)
      .where(eq(schema.messages.campaignId, c.id));
    expect(Object.fromEntries(rows.map((r) => [r.vendorMessageId, r.status]))).toEqual({
      [a!]: "read",
      [b!]: "delivered",
    });
    const [history] = await c.db
      .select({ n: count() })
      .from(schema.messageStatusEvents)
      .where(eq(schema.messageStatusEvents.messageId, sent.find((m) => m.vendorMessageId === a)!.id));
    // Ours on sending, then the vendor's three.
    expect(history?.n).toBe(4);
  });

  it("looks up a Mitto message whose report is overdue, once an interval, and what Mitto says is applied", async () => {
    const c = await launched(1, 1_000);
    // The sandbox's reports go nowhere: only the lookup can tell.
    sandbox.current.callbacks.clear();
    await deliverMessages(c.db, c.id, c.queued);
    const [message] = await c.db
      .select({ id: schema.messages.id, vendorMessageId: schema.messages.vendorMessageId })
      .from(schema.messages)
      .where(eq(schema.messages.campaignId, c.id));
    // Other tests' messages in this database may be looked up alongside: only this one's reports count.
    const reports = () =>
      statusReportsIn(c.events).filter((r) => r.update.vendorMessageId === message?.vendorMessageId);
    const minutesOn = (n: number) => new Date(Date.now() + n * 60_000);

    await lookUpOverdueReports(c.db, minutesOn(5));
    expect(reports()).toEqual([]);
    await lookUpOverdueReports(c.db, minutesOn(11));
    expect(reports().map((r) => r.update.status)).toEqual(["delivered"]);
    await lookUpOverdueReports(c.db, minutesOn(12));
    expect(reports()).toHaveLength(1);

    await applyMessageStatuses(c.db, reports());
    const [after] = await c.db
      .select({ status: schema.messages.status })
      .from(schema.messages)
      .where(eq(schema.messages.id, message?.id ?? ""));
    expect(after?.status).toBe("delivered");
    expect((await getCampaign(c.db, c.workspaceId, c.id, minutesOn(30))).funnel.overdueReports).toBe(0);
  });

  it("a pace out of range is refused with the reason, and nothing changes", async () => {
    const { admin } = await createWorkspace();
    const { senderId } = await connectMittoSandbox(admin);
    const api = await callerFor(admin);
    await expect(api.integration.setSenderPace({ id: senderId, data: { messagesPerSecond: 5_000 } })).rejects.toThrow(
      /1 to 1,000 messages a second/,
    );
    expect(
      (
        await api.integration.get({ id: (await api.integration.list({ includeUninstalled: false }))[0]!.id })
      ).senders.find((s) => s.id === senderId)?.messagesPerSecond,
    ).toBeNull();
  });
});

describe("the pacer", () => {
  it("grants a second's worth of slots per second, evenly", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "performance"] });
    const slot = pacer(50);
    let granted = 0;
    for (let i = 0; i < 200; i++) void slot().then(() => granted++);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    // Slots at 0, 20, 40 … 1,000 ms.
    expect(granted).toBe(51);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(granted).toBe(101);
  });
});

describe("the integration's health, from every send and callback", () => {
  it("shows an integration whose sends fail: its success rate, last success and last error", async () => {
    const c = await launched(10, 1_000);
    sandbox.current.faults.add({
      vendor: "mitto",
      kind: "error5xx",
      status: 500,
      pathPrefix: "/api/v1.1/Messages/send",
      times: 100,
    });
    expect(await deliverMessages(c.db, c.id, c.queued)).toEqual({ sent: 0, failed: 10, skipped: 0 });
    const [listed] = await c.admin.integration.list({ includeUninstalled: false });
    // The connection test and the template sync at connect succeeded; the ten sends did not.
    expect(listed?.health).toMatchObject({ calls: 12, failed: 10, silentWebhooks: null });
    expect(listed?.health?.successRate).toBeCloseTo(2 / 12);
    expect(listed?.health?.lastSuccessAt).toBeInstanceOf(Date);
    expect(listed?.health?.lastFailure).toMatch(/500/);
    expect(listed?.health?.lastFailureAt).toBeInstanceOf(Date);
    const page = await c.admin.integration.get({ id: c.integrationId });
    expect(page.health).toEqual(listed?.health);
    // The batch was recorded as one upsert of counters, not a row per message.
    const rows = await c.db
      .select()
      .from(schema.vendorCallStats)
      .where(
        and(eq(schema.vendorCallStats.integrationId, c.integrationId), eq(schema.vendorCallStats.operation, "send")),
      );
    expect(rows).toMatchObject([{ succeeded: 0, failed: 10 }]);
  });

  it("flags silent webhooks while sent messages wait hours for reports, until a callback arrives", async () => {
    const c = await launched(3, 1_000);
    expect(await deliverMessages(c.db, c.id, c.queued)).toMatchObject({ sent: 3 });
    const health = async () => (await c.admin.integration.get({ id: c.integrationId })).health;
    expect((await health())?.silentWebhooks).toBeNull();
    // Three hours pass without a delivery report.
    await c.db
      .update(schema.messages)
      .set({ statusAt: sql`now() - interval '3 hours'` })
      .where(eq(schema.messages.campaignId, c.id));
    expect(await health()).toMatchObject({ silentWebhooks: { awaitingReports: 3, hours: 2 }, lastCallbackAt: null });

    const [integration] = await c.db
      .select({ token: schema.integrations.webhookToken })
      .from(schema.integrations)
      .where(eq(schema.integrations.id, c.integrationId));
    const [sent] = await c.db
      .select({ vendorMessageId: schema.messages.vendorMessageId })
      .from(schema.messages)
      .where(eq(schema.messages.campaignId, c.id));
    const dlr = (token: string | null) =>
      receiveWebhook(c.db, {
        vendor: "mitto",
        integrationId: c.integrationId,
        kind: "dlr",
        token,
        signature: null,
        raw: JSON.stringify({ messageId: sent?.vendorMessageId, status: "Delivered", errorcode: "0" }),
      });
    // A callback with a wrong token is refused and counted as a failed callback, not as one received.
    expect((await dlr("wrong")).status).toBe(401);
    expect(await health()).toMatchObject({
      silentWebhooks: { awaitingReports: 3 },
      lastFailure: "A dlr callback was refused: The token in the webhook URL is missing or wrong.",
    });
    expect((await dlr(integration?.token ?? null)).status).toBe(200);
    const after = await health();
    expect(after?.silentWebhooks).toBeNull();
    expect(after?.lastCallbackAt).toBeInstanceOf(Date);
  });
});
