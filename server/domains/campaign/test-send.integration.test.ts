import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { mittoFake } from "../../sandbox/mitto";
import { captureEvents } from "../../testing/inngest";
import { callerFor, campaignDraft, connectMittoSandbox, createWorkspace, useSandbox } from "../../testing/fixtures";
import { exportCampaignMessages, MESSAGES_CSV_HEADER } from "./export-messages";
import { finishIfDone } from "./finish-campaign";
import { writeBackStatuses } from "./write-back-statuses";

// Issue 16 item 4: a test send goes only to a contact opted in to the campaign's channel, is
// recorded as a test, and counts nowhere: not in the funnel, the export, the dry run, segment
// conditions or the status write-back. Through the tRPC caller, the Mitto sandbox over HTTP.

const mitto = mittoFake();
useSandbox([mitto]);
afterEach(() => vi.restoreAllMocks());

const ANA = "+4915112340001";
const BEN = "+4915112340002";
const CEM = "+4915112340003";
const STRANGER = "+4915112340009";

/** A draft ready to test, writing LAST_MESSAGE_STATUS after a minute; Ana opted in, Ben opted out, Cem with no consent. */
async function setUp() {
  captureEvents();
  const ws = await createWorkspace();
  const api = await callerFor(ws.marketer);
  const { integrationId, templateId, senderId } = await connectMittoSandbox(ws.admin);
  const ana = await api.contact.create({
    mobileNumber: ANA,
    firstName: "Ana",
    country: "DE",
    permissions: { whatsapp: "opt_in" },
  });
  const ben = await api.contact.create({
    mobileNumber: BEN,
    firstName: "Ben",
    country: "DE",
    permissions: { whatsapp: "opt_in" },
  });
  // Ben texted STOP after opting in.
  await api.contact.update({ id: ben.id, data: { permissions: { whatsapp: "opt_out" } } });
  await api.contact.create({ mobileNumber: CEM, firstName: "Cem", country: "DE" });
  const segment = await api.segment.create({
    name: "Germany",
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "field", field: "country", operator: "eq", value: "DE" }],
    },
  });
  const campaign = await api.campaign.create(
    campaignDraft({
      name: "Welcome",
      integrationId,
      senderId,
      templateId,
      segmentId: segment.id,
      placeholderMappings: [{ kind: "field", field: "first_name" }],
      statusField: "last_message_status",
      statusTimeoutMinutes: 1,
    }),
  );
  const sentTo = () => mitto.messages.map((m) => m.requestInfo.destination).filter((n) => n.startsWith("+49151123400"));
  return { ...ws, api, campaignId: campaign.id, ana, ben, sentTo };
}

describe("campaign.testSend", () => {
  it("refuses a number that opted out, one with no opt-in and one that is no contact, naming mobileNumber, and sends nothing", async () => {
    const { db, api, campaignId, sentTo } = await setUp();
    const before = sentTo().length;
    const refusal = (mobileNumber: string) =>
      api.campaign.testSend({ id: campaignId, mobileNumber }).then(
        () => null,
        (e: unknown) => e,
      );

    expect(await refusal(BEN)).toMatchObject({
      code: "BAD_REQUEST",
      message: `${BEN} opted out of WhatsApp: a test goes only to a number opted in to WhatsApp.`,
      cause: { field: "mobileNumber" },
    });
    expect(await refusal("+49 151 12340003")).toMatchObject({
      code: "BAD_REQUEST",
      message: `${CEM} has no WhatsApp opt-in recorded: a test goes only to a number opted in to WhatsApp.`,
      cause: { field: "mobileNumber" },
    });
    expect(await refusal(STRANGER)).toMatchObject({
      code: "BAD_REQUEST",
      message: `No contact has the number ${STRANGER}: a test goes only to a contact opted in to WhatsApp. Add it as a contact with its WhatsApp opt-in first.`,
      cause: { field: "mobileNumber" },
    });

    expect(sentTo()).toHaveLength(before);
    expect(await db.select().from(schema.messages).where(eq(schema.messages.campaignId, campaignId))).toEqual([]);
  });

  it("sends to an opted-in contact, marked as a test, and the test counts in no funnel, export, dry run, segment or write-back", async () => {
    const { db, api, marketer, campaignId, ana, sentTo } = await setUp();
    const result = await api.campaign.testSend({ id: campaignId, mobileNumber: ANA });
    expect(result.body).toContain("Dear Ana,");
    expect(sentTo()).toContain(ANA);
    const [message] = await db.select().from(schema.messages).where(eq(schema.messages.campaignId, campaignId));
    expect(message).toMatchObject({ id: result.messageId, contactId: ana.id, status: "sent", isTest: true });

    // Listed with the recipients, marked, so its delivery shows...
    const listed = await api.campaign.messages({ id: campaignId, limit: 20 });
    expect(listed.items.map((m) => [m.toNumber, m.isTest])).toEqual([[ANA, true]]);
    // ...and counted nowhere.
    const { funnel } = await api.campaign.get({ id: campaignId });
    expect(funnel).toMatchObject({ queued: 0, sent: 0, delivered: 0, failed: 0, skipped: 0, pending: 0 });
    let csv = "";
    for await (const chunk of await exportCampaignMessages(db, marketer, campaignId)) csv += chunk;
    expect(csv).toBe(`${MESSAGES_CSV_HEADER.join(",")}\r\n`);
    const dryRun = await api.campaign.dryRun({ id: campaignId });
    expect(dryRun.excluded.already_messaged).toBe(0);
    expect(dryRun.sample.find((s) => s.contactId === ana.id)).toMatchObject({ outcome: "send" });
    const received = await api.segment.count({
      definition: {
        kind: "group",
        combinator: "and",
        children: [
          { kind: "message", operator: "has", channel: "whatsapp", status: "sent", withinDays: 7, campaignId },
        ],
      },
    });
    expect(received.count).toBe(0);

    // Past the status timeout, the write-back leaves Ana's last message status alone.
    const later = new Date(Date.now() + 10 * 60_000);
    expect(await writeBackStatuses(db, later)).toMatchObject({ written: 0, changed: [] });
    expect(await api.contact.get({ id: ana.id })).toMatchObject({ lastMessageStatus: null });
  });

  it("a test left queued by a crash does not hold up the end of the campaign's send", async () => {
    const { db, api, campaignId, workspace, ana } = await setUp();
    // A one-off send whose audience is all queued, and nothing but a stuck test left queued.
    await db
      .update(schema.campaigns)
      .set({ status: "sending", queuedAt: new Date() })
      .where(eq(schema.campaigns.id, campaignId));
    await db.insert(schema.messages).values({
      workspaceId: workspace.id,
      campaignId,
      contactId: ana.id,
      integrationId: (await api.campaign.get({ id: campaignId })).integration?.id ?? "",
      channel: "whatsapp",
      toNumber: ANA,
      occurrence: "test:crashed",
      attempts: 1,
      isTest: true,
    });
    expect(await finishIfDone(db, campaignId)).toBe("completed");
  });
});
