import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { takeDueCampaigns } from "@/server/domains/campaign/run-scheduled-campaigns";
import { uploadImport } from "@/server/domains/contact/upload-import";
import { campaignMessagesQueued, campaignSendRequested, contactImportRequested } from "@/server/jobs/events";
import { mittoFake } from "@/server/sandbox/mitto";
import { callerFor, campaignDraft, connectMittoSandbox, createWorkspace, useSandbox } from "@/server/testing/fixtures";
import { captureEvents, runFunction, type SentEvent } from "@/server/testing/inngest";
import importContacts from "../contacts/import-contacts";
import deliverMessages from "./deliver-messages";
import sendCampaign from "./send-campaign";

// Scheduled bulk sends: a scheduled time is each recipient's local time. The schedule runner is
// driven with explicit instants; each wave it starts is run through send-campaign (and its
// chunks through deliver-messages to the Mitto sandbox) as Inngest would.

useSandbox([mittoFake()]);
afterEach(() => vi.restoreAllMocks());

const sendSteps = Array.from({ length: 10 }, (_, i) => `deliver-page-${i}`);

type Api = Awaited<ReturnType<typeof callerFor>>;
type Ctx = Awaited<ReturnType<typeof createWorkspace>>;

/**
 * A launched WhatsApp campaign on `schedule` to opted-in contacts, one per entry of `zones`
 * (name -> stored time zone), or those `addContacts` makes (id -> name).
 */
async function launched(
  schedule: { frequency: "once" | "daily" | "weekly"; date: string; time: string },
  zones: Record<string, string | null>,
  workspaceTimeZone = "UTC",
  addContacts?: (ctx: Ctx, api: Api) => Promise<Record<string, string>>,
) {
  captureEvents();
  const ctx = await createWorkspace();
  const { db, workspace, admin, marketer } = ctx;
  await db
    .update(schema.workspaces)
    .set({ defaultTimeZone: workspaceTimeZone })
    .where(eq(schema.workspaces.id, workspace.id));
  const api = await callerFor(marketer);
  const { integrationId, templateId, senderId } = await connectMittoSandbox(admin);
  const contacts: Record<string, string> = addContacts ? await addContacts(ctx, api) : {};
  for (const [i, [name, timeZone]] of Object.entries(zones).entries()) {
    const { id } = await api.contact.create({
      mobileNumber: `+49151200000${10 + i}`,
      firstName: name,
      country: "DE",
      permissions: { whatsapp: "opt_in" },
    });
    await db.update(schema.contacts).set({ timeZone }).where(eq(schema.contacts.id, id));
    contacts[id] = name;
  }
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
      name: "Local morning",
      integrationId,
      senderId,
      templateId,
      placeholderMappings: [{ kind: "field", field: "first_name" }],
      segmentId: segment.id,
      schedule,
    }),
  );
  // What the builder's Preview recipients shows, before launch.
  const preview = await api.campaign.dryRun({ id });
  expect(await api.campaign.launch({ id })).toMatchObject({ status: "scheduled" });

  const chunks: SentEvent[] = [];
  /** One run of the schedule at `iso`: this campaign's waves, each sent as send-campaign would. */
  const runAt = async (iso: string) => {
    const waves = (await takeDueCampaigns(db, new Date(iso))).filter((w) => w.campaignId === id);
    for (const w of waves) {
      const { error, sent } = await runFunction(
        sendCampaign,
        { name: campaignSendRequested.name, data: { ...w, contactId: null } },
        sendSteps,
      );
      if (error) throw error;
      chunks.push(...sent.filter((e) => e.name === campaignMessagesQueued.name));
    }
    return waves;
  };
  /** Who has a message, as "name occurrence", sorted. */
  const messaged = async () => {
    const rows = await db
      .select({ contactId: schema.messages.contactId, occurrence: schema.messages.occurrence })
      .from(schema.messages)
      .where(eq(schema.messages.campaignId, id));
    return rows.map((r) => `${contacts[r.contactId ?? ""]} ${r.occurrence}`).sort();
  };
  const deliver = async () => {
    for (const chunk of chunks.splice(0)) {
      const { error } = await runFunction(deliverMessages, chunk, []);
      if (error) throw error;
    }
  };
  const campaign = async () =>
    (
      await db
        .select({ status: schema.campaigns.status, queuedAt: schema.campaigns.queuedAt })
        .from(schema.campaigns)
        .where(eq(schema.campaigns.id, id))
    )[0];
  return { db, api, id, runAt, messaged, deliver, campaign, preview };
}

describe("a scheduled campaign in each recipient's time zone", () => {
  it("sends at 09:00 in Berlin, then in UTC for the contact without a zone, then in New York, once each, and finishes after the last", async () => {
    const s = await launched(
      { frequency: "once", date: "2030-01-15", time: "09:00" },
      { berlin: "Europe/Berlin", newYork: "America/New_York", none: null },
    );

    expect(await s.runAt("2030-01-15T07:59:00Z")).toEqual([]);
    expect(await s.messaged()).toEqual([]);

    // 09:00 in Berlin (UTC+1 in winter): Berlin only.
    const [wave] = await s.runAt("2030-01-15T08:00:00Z");
    expect(wave).toMatchObject({
      occurrence: "2030-01-15T09:00",
      wave: { timeZones: ["Europe/Berlin"], unzoned: false, last: false },
    });
    expect(await s.messaged()).toEqual(["berlin 2030-01-15T09:00"]);
    await s.deliver();
    // Still sending: other zones have not reached 09:00 yet.
    expect(await s.campaign()).toMatchObject({ status: "sending", queuedAt: null });

    // The runner again in the same minute starts nothing, and the same wave again queues nothing.
    expect(await s.runAt("2030-01-15T08:00:30Z")).toEqual([]);
    const again = await runFunction(
      sendCampaign,
      { name: campaignSendRequested.name, data: { ...wave!, contactId: null } },
      sendSteps,
    );
    expect(again.result).toEqual({ queued: 0, skipped: 0 });

    // 09:00 UTC, the workspace's zone, for the contact without one.
    expect(await s.runAt("2030-01-15T09:00:00Z")).toMatchObject([
      { wave: { timeZones: [], unzoned: true, last: false } },
    ]);
    expect(await s.messaged()).toEqual(["berlin 2030-01-15T09:00", "none 2030-01-15T09:00"]);
    expect(await s.runAt("2030-01-15T13:59:00Z")).toEqual([]);

    // 09:00 in New York (UTC-5): the last zone, so the audience is queued and the send finishes.
    expect(await s.runAt("2030-01-15T14:00:00Z")).toMatchObject([
      { wave: { timeZones: ["America/New_York"], last: true } },
    ]);
    expect(await s.messaged()).toEqual([
      "berlin 2030-01-15T09:00",
      "newYork 2030-01-15T09:00",
      "none 2030-01-15T09:00",
    ]);
    await s.deliver();
    expect(await s.campaign()).toMatchObject({ status: "completed" });
    expect(await s.runAt("2030-01-16T14:00:00Z")).toEqual([]);
  });

  it("uses the workspace's time zone for contacts without a zone or with one nobody knows", async () => {
    const s = await launched(
      { frequency: "once", date: "2030-01-15", time: "09:00" },
      { none: null, unknown: "Mars/Olympus_Mons", berlin: "Europe/Berlin" },
      "Asia/Tokyo",
    );
    // 09:00 in Tokyo is 00:00 UTC.
    expect(await s.runAt("2030-01-15T00:00:00Z")).toMatchObject([
      { wave: { timeZones: ["Mars/Olympus_Mons"], unzoned: true, last: false } },
    ]);
    expect(await s.messaged()).toEqual(["none 2030-01-15T09:00", "unknown 2030-01-15T09:00"]);
    expect(await s.runAt("2030-01-15T08:00:00Z")).toMatchObject([
      { wave: { timeZones: ["Europe/Berlin"], last: true } },
    ]);
    expect(await s.messaged()).toEqual([
      "berlin 2030-01-15T09:00",
      "none 2030-01-15T09:00",
      "unknown 2030-01-15T09:00",
    ]);
  });

  it("sends a daily schedule once per local day, across the change to summer time", async () => {
    // Berlin moves to UTC+2 on 2030-03-31; New York is already on UTC-4.
    const s = await launched(
      { frequency: "daily", date: "2030-03-30", time: "09:00" },
      { berlin: "Europe/Berlin", newYork: "America/New_York" },
    );
    expect(await s.runAt("2030-03-30T08:00:00Z")).toMatchObject([
      { occurrence: "2030-03-30T09:00", wave: { timeZones: ["Europe/Berlin"] } },
    ]);
    expect(await s.runAt("2030-03-30T13:00:00Z")).toMatchObject([
      { occurrence: "2030-03-30T09:00", wave: { timeZones: ["America/New_York"], last: true } },
    ]);
    await s.deliver();
    // Between occurrences it waits for the next one.
    expect(await s.campaign()).toMatchObject({ status: "scheduled" });
    expect(await s.runAt("2030-03-31T06:59:00Z")).toEqual([]);
    expect(await s.runAt("2030-03-31T07:00:00Z")).toMatchObject([
      { occurrence: "2030-03-31T09:00", wave: { timeZones: ["Europe/Berlin"] } },
    ]);
    expect(await s.messaged()).toEqual([
      "berlin 2030-03-30T09:00",
      "berlin 2030-03-31T09:00",
      "newYork 2030-03-30T09:00",
    ]);
    expect(await s.runAt("2030-03-31T13:00:00Z")).toMatchObject([
      { occurrence: "2030-03-31T09:00", wave: { timeZones: ["America/New_York"], last: true } },
    ]);
    // Runs later that day start nothing more.
    expect(await s.runAt("2030-03-31T23:00:00Z")).toEqual([]);
    expect(await s.messaged()).toEqual([
      "berlin 2030-03-30T09:00",
      "berlin 2030-03-31T09:00",
      "newYork 2030-03-30T09:00",
      "newYork 2030-03-31T09:00",
    ]);
  });
});

/** Contacts imported from `csv` through the real path: upload, contact.importStart, then import-contacts. */
async function importCsv({ db, marketer }: Ctx, api: Api, csv: string) {
  const preview = await uploadImport(db, marketer, {
    fileName: "people.csv",
    body: new Response(csv).body,
    size: null,
  });
  const sent = captureEvents();
  await api.contact.importStart({ id: preview.id, mapping: preview.suggestedMapping, mode: "insert" });
  const event = sent.find((e) => e.name === contactImportRequested.name);
  expect(event).toBeDefined();
  const { error } = await new InngestTestEngine({ function: importContacts }).execute({
    events: [event as never],
    steps: [{ id: "activate-0", handler: () => ({ ids: [] }) }],
  });
  expect(error).toBeUndefined();
  expect(await api.contact.importGet({ id: preview.id })).toMatchObject({
    status: "done",
    counts: { inserted: 3, failed: 0 },
  });
  const rows = await db
    .select({ id: schema.contacts.id, name: schema.contacts.firstName, timeZone: schema.contacts.timeZone })
    .from(schema.contacts)
    .where(eq(schema.contacts.workspaceId, marketer.workspaceId));
  return rows;
}

describe("time zones set through the CSV import", () => {
  it("sends a wave at 09:00 local time per zone: a zone column, a zone from the number's country, and the workspace's for the rest", async () => {
    let stored: Record<string, string | null> = {};
    const s = await launched({ frequency: "once", date: "2030-01-15", time: "09:00" }, {}, "UTC", async (ctx, api) => {
      const rows = await importCsv(
        ctx,
        api,
        [
          "Mobile,First name,Country,Time zone,WhatsApp",
          // A German number with no zone: Germany has one, Europe/Berlin.
          "+4915120000001,Berta,DE,,opt_in",
          // A German customer living in New York: the file's zone wins.
          "+4915120000002,Nils,DE,America/New_York,opt_in",
          // A US number with no zone: the US has several, so the workspace's (UTC) applies.
          "+12025550143,Uwe,DE,,opt_in",
        ].join("\n"),
      );
      stored = Object.fromEntries(rows.map((r) => [r.name ?? "", r.timeZone]));
      return Object.fromEntries(rows.map((r) => [r.id, r.name ?? ""]));
    });
    expect(stored).toEqual({ Berta: "Europe/Berlin", Nils: "America/New_York", Uwe: null });
    // The builder's preview lists the waves: zone, UTC time and how many.
    expect(s.preview.waves).toEqual([
      { zone: "Europe/Berlin", local: "2030-01-15T09:00", at: "2030-01-15T08:00:00Z", count: 1, isDefault: false },
      { zone: "UTC", local: "2030-01-15T09:00", at: "2030-01-15T09:00:00Z", count: 1, isDefault: true },
      { zone: "America/New_York", local: "2030-01-15T09:00", at: "2030-01-15T14:00:00Z", count: 1, isDefault: false },
    ]);

    expect(await s.runAt("2030-01-15T07:59:00Z")).toEqual([]);
    expect(await s.runAt("2030-01-15T08:00:00Z")).toMatchObject([
      { wave: { timeZones: ["Europe/Berlin"], unzoned: false, last: false } },
    ]);
    expect(await s.messaged()).toEqual(["Berta 2030-01-15T09:00"]);
    expect(await s.runAt("2030-01-15T09:00:00Z")).toMatchObject([
      { wave: { timeZones: [], unzoned: true, last: false } },
    ]);
    expect(await s.runAt("2030-01-15T13:59:00Z")).toEqual([]);
    expect(await s.runAt("2030-01-15T14:00:00Z")).toMatchObject([
      { wave: { timeZones: ["America/New_York"], last: true } },
    ]);
    expect(await s.messaged()).toEqual(["Berta 2030-01-15T09:00", "Nils 2030-01-15T09:00", "Uwe 2030-01-15T09:00"]);
    await s.deliver();
    expect(await s.campaign()).toMatchObject({ status: "completed" });
  });
});
