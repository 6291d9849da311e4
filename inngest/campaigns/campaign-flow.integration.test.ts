import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { getCampaign } from "@/server/domains/campaign/get-campaign";
import type { CampaignDraft } from "@/server/domains/campaign/schema";
import { writeBackStatuses } from "@/server/domains/campaign/write-back-statuses";
import {
  campaignMessagesQueued,
  campaignResumed,
  campaignSendRequested,
  messageStatusesReceived,
} from "@/server/jobs/events";
import { mittoFake } from "@/server/sandbox/mitto";
import { callerFor, campaignDraft, connectMittoSandbox, createWorkspace, useSandbox } from "@/server/testing/fixtures";
import { captureEvents, runFunction, type SentEvent } from "@/server/testing/inngest";
import { receiveWebhook } from "@/server/webhooks/receive";
import { inngest } from "@/server/jobs/client";
import applyMessageStatus from "./apply-message-status";
import deliverMessages from "./deliver-messages";
import handOverQueued from "./hand-over-queued";
import sendCampaign from "./send-campaign";

// A WhatsApp campaign end to end against the Mitto sandbox: builder validation through tRPC,
// launch, the send-campaign and deliver-messages functions, the sandbox's DLR callbacks applied
// by apply-message-status, and the status written back to the contact after the timeout.
// Events the functions send are captured instead of going to an Inngest server; each function
// is then run with the captured event, as Inngest would.

const mitto = mittoFake();
const sandbox = useSandbox([mitto]);
afterEach(() => {
  vi.restoreAllMocks();
  sandbox.current.faults.clear();
  sandbox.current.callbacks.clear();
});

type Sent = SentEvent;
const named = (sent: Sent[], name: string) => sent.filter((e) => e.name === name);

const sendSteps = ["start-sends", ...Array.from({ length: 10 }, (_, i) => `deliver-page-${i}`)];

/** Runs the function; what its step.sendEvent would have sent is added to `sent`. */
async function run(fn: Parameters<typeof runFunction>[0], event: Sent, sent: Sent[] = []) {
  const { result, error, sent: more } = await runFunction(fn, event, sendSteps);
  sent.push(...more);
  if (error) throw error;
  return result;
}

/** A workspace with the Mitto sandbox connected and synced, four contacts and a segment of them. */
async function setUp() {
  const { db, admin, marketer } = await createWorkspace();
  const api = await callerFor(marketer);
  const { integrationId, templateId, senderId } = await connectMittoSandbox(admin);
  const contact = (mobileNumber: string, firstName: string | undefined, whatsapp?: "opt_in" | "opt_out") =>
    api.contact.create({ mobileNumber, firstName, country: "DE", ...(whatsapp ? { permissions: { whatsapp } } : {}) });
  const ana = await contact("+4915110000001", "Ana", "opt_in");
  const ben = await contact("+4915110000002", "Ben", "opt_out");
  const cem = await contact("+4915110000003", "Cem");
  const dia = await contact("+4915110000004", undefined, "opt_in");
  const segment = await api.segment.create({
    name: "Germany",
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "field", field: "country", operator: "eq", value: "DE" }],
    },
  });
  return {
    db,
    api,
    workspaceId: marketer.workspaceId,
    integrationId,
    templateId,
    senderId,
    segmentId: segment.id,
    contacts: { ana: ana.id, ben: ben.id, cem: cem.id, dia: dia.id },
  };
}

const draft = (over: Partial<CampaignDraft> = {}) =>
  campaignDraft({ name: "Account created", statusField: "last_message_status", statusTimeoutMinutes: 11, ...over });

describe("a WhatsApp campaign", () => {
  it("names every missing piece before launch and changes nothing", async () => {
    captureEvents();
    const { db, api } = await setUp();
    const { id } = await api.campaign.create(draft());
    const { launchIssues } = await api.campaign.get({ id });
    expect(launchIssues.map((i) => i.field).sort()).toEqual(["integrationId", "segmentId", "senderId", "templateId"]);
    await expect(api.campaign.launch({ id })).rejects.toThrow(
      /Choose the integration.*business account.*WhatsApp template.*segment/,
    );
    const [row] = await db
      .select({ status: schema.campaigns.status })
      .from(schema.campaigns)
      .where(eq(schema.campaigns.id, id));
    expect(row?.status).toBe("draft");
  });

  it("dry-runs, sends once to the eligible contact, tracks its DLRs forward only and writes the last status back", async () => {
    const sent = captureEvents();
    const s = await setUp();
    const sendsBefore = mitto.messages.length;
    const { id } = await s.api.campaign.create(
      draft({
        integrationId: s.integrationId,
        senderId: s.senderId,
        templateId: s.templateId,
        segmentId: s.segmentId,
        placeholderMappings: [{ kind: "field", field: "first_name" }],
      }),
    );

    const preview = await s.api.campaign.dryRun({ id });
    expect(preview).toMatchObject({
      evaluated: 4,
      wouldSend: 1,
      excluded: { opted_out: 1, no_opt_in: 1, missing_value: 1, invalid_number: 0, already_messaged: 0 },
    });
    expect(preview.sample.find((r) => r.contactId === s.contacts.ana)?.detail).toBe(
      "Dear Ana, your Mitto Dashboard account was successfully created. Please check your email inbox.",
    );

    expect(await s.api.campaign.launch({ id })).toMatchObject({ status: "sending" });
    const [request] = named(sent, campaignSendRequested.name);
    expect(await run(sendCampaign, request!, sent)).toEqual({ queued: 1, skipped: 3 });
    // Re-running the same occurrence queues nothing new.
    expect(await run(sendCampaign, request!)).toEqual({ queued: 0, skipped: 0 });

    // Nothing listens at the portal's webhook URL here: the sandbox keeps its callbacks in its
    // log, and the test posts them to the webhook itself.
    sandbox.current.callbacks.clear();
    const [chunk] = named(sent, campaignMessagesQueued.name);
    expect(await run(deliverMessages, chunk!)).toEqual({ sent: 1, failed: 0, skipped: 0 });
    // A redelivered chunk sends nothing twice.
    expect(await run(deliverMessages, chunk!)).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(mitto.messages.slice(sendsBefore)).toHaveLength(1);
    // Sent, no report yet: ten minutes on, the campaign page says one is overdue.
    const elevenMinutesOn = () => new Date(Date.now() + 11 * 60_000);
    expect((await s.api.campaign.get({ id })).funnel.overdueReports).toBe(0);
    expect((await getCampaign(s.db, s.workspaceId, id, elevenMinutesOn())).funnel.overdueReports).toBe(1);

    // The sandbox's DLRs (Sent, Delivered, Read) arrive at the portal's webhook out of order:
    // Read, then a late Sent, then Read again (a redelivery, answered and dropped).
    await sandbox.current.callbacks.idle();
    const [message] = await s.db
      .select()
      .from(schema.messages)
      .where(and(eq(schema.messages.campaignId, id), eq(schema.messages.contactId, s.contacts.ana)));
    const dlrs = sandbox.current.callbacks
      .log()
      .filter(
        (d) =>
          d.kind === "dlr" &&
          d.attempt === 1 &&
          (d.body as { messageId: string }).messageId === message?.vendorMessageId,
      )
      .map((d) => JSON.stringify(d.body));
    expect(dlrs.map((raw) => (JSON.parse(raw) as { status: string }).status)).toEqual(["Sent", "Delivered", "Read"]);
    const [integration] = await s.db
      .select({ token: schema.integrations.webhookToken })
      .from(schema.integrations)
      .where(eq(schema.integrations.id, s.integrationId));
    const post = (raw: string) =>
      receiveWebhook(s.db, {
        vendor: "mitto",
        integrationId: s.integrationId,
        kind: "dlr",
        token: integration?.token ?? null,
        signature: null,
        raw,
      });
    for (const raw of [dlrs[2]!, dlrs[0]!, dlrs[2]!]) expect((await post(raw)).status).toBe(200);
    // Posted one after another, each is handed over in an event of its own.
    const reports = named(sent, messageStatusesReceived.name);
    expect(reports).toHaveLength(2);
    for (const report of [...reports, reports[0]!]) await run(applyMessageStatus, report);
    const [after] = await s.db
      .select({ status: schema.messages.status })
      .from(schema.messages)
      .where(eq(schema.messages.id, message?.id ?? ""));
    expect(after?.status).toBe("read");
    const got = await s.api.campaign.get({ id });
    expect(got.funnel).toMatchObject({ queued: 1, sent: 1, delivered: 1, read: 1, failed: 0, skipped: 3, pending: 0 });
    expect(got.campaign.status).toBe("completed");
    expect((await getCampaign(s.db, s.workspaceId, id, elevenMinutesOn())).funnel.overdueReports).toBe(0);

    const recipients = await s.api.campaign.messages({ id, limit: 10 });
    const skipped = recipients.items.find((r) => r.contactId === s.contacts.ben);
    expect(skipped).toMatchObject({ status: "skipped", errorCode: "opted_out" });
    // Every report is kept (ours on sending, then the vendor's two); reports of one instant have no order.
    expect(
      recipients.items
        .find((r) => r.contactId === s.contacts.ana)
        ?.history.map((h) => h.status)
        .sort(),
    ).toEqual(["read", "sent", "sent"]);

    // Before the 11-minute timeout nothing is written; after it, the last status is, once.
    expect(await writeBackStatuses(s.db, new Date(Date.now() + 10 * 60_000))).toMatchObject({ written: 0 });
    expect(await writeBackStatuses(s.db, new Date(Date.now() + 12 * 60_000))).toMatchObject({ written: 1 });
    expect(await writeBackStatuses(s.db, new Date(Date.now() + 13 * 60_000))).toMatchObject({ written: 0 });
    const [ana] = await s.db
      .select({ last: schema.contacts.lastMessageStatus })
      .from(schema.contacts)
      .where(eq(schema.contacts.id, s.contacts.ana));
    expect(ana?.last).toBe("read");
  });

  it("re-checks consent at send time, waits out a 429 without a duplicate, and records a vendor 5xx as failed without resending", async () => {
    const sent = captureEvents();
    const s = await setUp();
    const sendsBefore = mitto.messages.length;
    // Ben is in the audience when it is read (his opt-out is set aside here), then opts out.
    await s.db
      .update(schema.consentStates)
      .set({ state: "opt_in" })
      .where(
        and(eq(schema.consentStates.workspaceId, s.workspaceId), eq(schema.consentStates.address, "+4915110000002")),
      );
    await s.api.contact.update({ id: s.contacts.dia, data: { firstName: "Dia" } });
    const { id } = await s.api.campaign.create(
      draft({
        integrationId: s.integrationId,
        senderId: s.senderId,
        templateId: s.templateId,
        segmentId: s.segmentId,
        placeholderMappings: [{ kind: "field", field: "first_name" }],
      }),
    );
    await s.api.campaign.launch({ id });
    expect(await run(sendCampaign, named(sent, campaignSendRequested.name)[0]!, sent)).toEqual({
      queued: 3,
      skipped: 1,
    });
    // Ben texts STOP after being queued.
    await s.api.contact.update({ id: s.contacts.ben, data: { permissions: { whatsapp: "opt_out" } } });

    const chunk = named(sent, campaignMessagesQueued.name)[0]!;
    // A wait longer than a run holds a chunk for: the run gives it back to be retried after it.
    sandbox.current.faults.add({ vendor: "mitto", kind: "rateLimit", retryAfterSeconds: 60, times: 1 });
    await expect(run(deliverMessages, chunk)).rejects.toThrow(/limiting/i);
    sandbox.current.faults.clear();
    sandbox.current.faults.add({ vendor: "mitto", kind: "error5xx", status: 503, times: 1 });
    // (Ben may already have been skipped by the rate-limited run, and on a slow machine a send
    // that left before the 429 came back may have gone through in it: the rows below tell.)
    expect(await run(deliverMessages, chunk)).toMatchObject({ failed: 1 });
    const rows = await s.db
      .select({
        contactId: schema.messages.contactId,
        status: schema.messages.status,
        errorMessage: schema.messages.errorMessage,
      })
      .from(schema.messages)
      .where(eq(schema.messages.campaignId, id));
    expect(rows.map((r) => r.status).sort()).toEqual(["failed", "sent", "skipped", "skipped"]);
    expect(rows.find((r) => r.contactId === s.contacts.ben)).toMatchObject({ status: "skipped" });
    expect(rows.find((r) => r.status === "failed")?.errorMessage).toMatch(/not sent again/);
    // One accepted send in all: the 503 one was not retried.
    expect(mitto.messages.slice(sendsBefore)).toHaveLength(1);
  });

  it("a pause stops a chunk part way, and the resume hands the rest over to be sent once each", async () => {
    const sent = captureEvents();
    const s = await setUp();
    // One a second, half of it for each of the sender's two runs: the second send waits 2 s.
    await s.db.update(schema.senders).set({ messagesPerSecond: 1 }).where(eq(schema.senders.id, s.senderId));
    await s.api.contact.update({ id: s.contacts.dia, data: { firstName: "Dia" } });
    const { id } = await s.api.campaign.create(
      draft({
        integrationId: s.integrationId,
        senderId: s.senderId,
        templateId: s.templateId,
        segmentId: s.segmentId,
        placeholderMappings: [{ kind: "field", field: "first_name" }],
      }),
    );
    await s.api.campaign.launch({ id });
    await run(sendCampaign, named(sent, campaignSendRequested.name)[0]!, sent);
    const sendsBefore = mitto.messages.length;
    const delivering = run(deliverMessages, named(sent, campaignMessagesQueued.name)[0]!);
    await vi.waitFor(() => expect(mitto.messages.length).toBe(sendsBefore + 1), { timeout: 10_000, interval: 20 });
    await s.api.campaign.pause({ id });
    expect(await delivering).toMatchObject({ sent: 1, paused: true });

    await s.api.campaign.resume({ id });
    const [resumed] = named(sent, campaignResumed.name);
    const handedOver: SentEvent[] = [];
    expect(await run(handOverQueued, resumed!, handedOver)).toEqual({ handed: 1 });
    const [rest] = named(handedOver, campaignMessagesQueued.name);
    expect(await run(deliverMessages, rest!)).toEqual({ sent: 1, failed: 0, skipped: 0 });
    expect(
      mitto.messages
        .slice(sendsBefore)
        .map((m) => m.requestInfo.destination)
        .sort(),
    ).toEqual(["+4915110000001", "+4915110000004"]);
  });

  it("a cancelled campaign skips what it had not sent", async () => {
    const sent = captureEvents();
    const s = await setUp();
    const { id } = await s.api.campaign.create(
      draft({
        integrationId: s.integrationId,
        senderId: s.senderId,
        templateId: s.templateId,
        segmentId: s.segmentId,
        placeholderMappings: [{ kind: "fixed", value: "friend" }],
      }),
    );
    await s.api.campaign.launch({ id });
    await run(sendCampaign, named(sent, campaignSendRequested.name)[0]!, sent);
    expect(await s.api.campaign.cancel({ id })).toMatchObject({ status: "cancelled" });
    expect(await run(deliverMessages, named(sent, campaignMessagesQueued.name)[0]!)).toEqual({
      sent: 0,
      failed: 0,
      skipped: 2,
    });
  });

  it("when background jobs are unreachable, launch says so and leaves the campaign a draft", async () => {
    captureEvents();
    const s = await setUp();
    const { id } = await s.api.campaign.create(
      draft({
        integrationId: s.integrationId,
        senderId: s.senderId,
        templateId: s.templateId,
        segmentId: s.segmentId,
        placeholderMappings: [{ kind: "fixed", value: "friend" }],
      }),
    );
    vi.spyOn(inngest, "send").mockRejectedValueOnce(new Error("connection refused"));
    await expect(s.api.campaign.launch({ id })).rejects.toThrow(/Background jobs are unreachable.*not launched/);
    expect((await s.api.campaign.get({ id })).campaign).toMatchObject({ status: "draft", launchedAt: null });
  });
});
