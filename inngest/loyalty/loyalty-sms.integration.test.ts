import { randomUUID } from "node:crypto";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { recordConsent } from "@/server/domains/contact/record-consent";
import { parseSettings, splitSettings } from "@/server/domains/integration/settings";
import { MEMBERS_PER_PAGE, pullLoyaltyActions } from "@/server/domains/loyalty/pull-loyalty-actions";
import { sendLoyaltySms } from "@/server/domains/loyalty/send-loyalty-sms";
import { env } from "@/server/env";
import { attentiveSubscriptionSyncRequested, loyaltySmsRunRequested } from "@/server/jobs/events";
import { annexFake } from "@/server/sandbox/annex";
import { ATTENTIVE_SANDBOX_CREDENTIALS, attentiveFake } from "@/server/sandbox/attentive";
import { startSandbox, type Sandbox } from "@/server/sandbox/server";
import { callerFor, createWorkspace } from "@/server/testing/fixtures";
import { captureEvents, runFunction, type SentEvent } from "@/server/testing/inngest";
import { createAttentiveClient } from "@/server/vendors/attentive/client";
import scheduleLoyaltySms from "./schedule-loyalty-sms";
import sendLoyaltySmsFunction from "./send-loyalty-sms";
import syncAttentiveSubscription from "./sync-attentive-subscription";

// Loyalty SMS end to end against the Annex Cloud and Attentive sandboxes over HTTP:
// the program saved through tRPC, consent changes made through tRPC (their subscription-sync
// events captured and run), and the send-loyalty-sms run pulling actions from Annex Cloud and
// texting them through Attentive's messages API. Texts are counted in the Attentive fake.

let sandbox: Sandbox;
const annex = annexFake();
const attentive = attentiveFake();
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [annex, attentive] });
  env.SANDBOX_URL = sandbox.url;
});
afterAll(() => sandbox.close());
afterEach(() => {
  vi.restoreAllMocks();
  sandbox.faults.clear();
});

const rules = {
  points_earned: { enabled: true, body: "Hi {{first_name}}, you earned {{points}} points. Balance: {{balance}}." },
  reward_redeemed: { enabled: false, body: "" },
  tier_change: { enabled: true, body: "Welcome to {{tier}}, {{first_name}}!" },
};

let numbers = 0;
/** A fresh UK mobile number (Attentive texts US, Canadian and UK numbers) and email per member. */
const member = (firstName: string) => {
  numbers++;
  return {
    firstName,
    mobileNumber: `+4479111${String(200 + numbers).padStart(5, "0")}`,
    email: `${firstName.toLowerCase()}.${numbers}.${randomUUID().slice(0, 6)}@example.com`,
  };
};

const textsTo = (to: string) => attentive.sent.filter((t) => t.to === to);

/** Runs a function; its error, if any, is thrown. */
async function run(fn: Parameters<typeof runFunction>[0], event: SentEvent, sendStepIds: string[] = []) {
  const { result, error, sent } = await runFunction(fn, event, sendStepIds);
  if (error) throw error;
  return { result, sent };
}

/** A workspace with a sandbox Attentive integration (carrying the sandbox Annex Cloud site) and its loyalty program switched on. */
async function setUp() {
  const syncs = captureEvents((e) => e.name === attentiveSubscriptionSyncRequested.name);
  const ws = await createWorkspace();
  const [integration] = await ws.db
    .insert(schema.integrations)
    .values({
      workspaceId: ws.workspace.id,
      vendor: "attentive",
      label: "Attentive SMS",
      sandbox: true,
      status: "active",
      ...splitSettings("attentive", parseSettings("attentive", ATTENTIVE_SANDBOX_CREDENTIALS)),
    })
    .returning({ id: schema.integrations.id });
  const api = await callerFor(ws.marketer);
  await api.loyalty.save({ integrationId: integration?.id ?? "", enabled: true, rules });
  const runEvent = { name: loyaltySmsRunRequested.name, data: { workspaceId: ws.workspace.id } };
  /** A contact opted in to SMS whose Attentive subscription followed (the sync event run as Inngest would). */
  const subscriber = async (firstName: string) => {
    const values = member(firstName);
    const { id } = await api.contact.create({ ...values, permissions: { sms: "opt_in" } });
    const sync = syncs.find((e) => e.data.contactId === id);
    expect((await run(syncAttentiveSubscription, sync!)).result).toEqual({ action: "subscribed" });
    return { id, ...values };
  };
  return { ...ws, api, syncs, runEvent, subscriber, integrationId: integration?.id ?? "" };
}

const actionOf = async (s: Awaited<ReturnType<typeof setUp>>, contactId: string) =>
  (await s.api.loyalty.actions({ limit: 50 })).items.filter((a) => a.contactId === contactId);

describe("loyalty SMS runs", () => {
  it("texts an eligible subscriber's action exactly once, even when the run is repeated", async () => {
    const s = await setUp();
    const lee = await s.subscriber("Lee");
    annex.addActivity(lee.email, { activity: "Points Earned", points: 250, balance: 1250 });
    // Not texted: an action type Annex Cloud reports that the program does not know, and one from before texting was on.
    annex.addActivity(lee.email, { activity: "Profile Updated" });
    annex.addActivity(lee.email, {
      activity: "Points Earned",
      points: 5,
      balance: 1000,
      createdAt: new Date(Date.now() - 86_400_000),
    });

    expect((await run(sendLoyaltySmsFunction, s.runEvent)).result).toEqual({
      members: 1,
      stored: 1,
      sent: 1,
      failed: 0,
      skipped: 0,
    });
    expect(textsTo(lee.mobileNumber)).toEqual([
      { to: lee.mobileNumber, body: "Hi Lee, you earned 250 points. Balance: 1250." },
    ]);
    // A repeated run (the schedule, or Inngest retrying it) finds nothing new and sends nothing.
    expect((await run(sendLoyaltySmsFunction, s.runEvent)).result).toEqual({
      members: 1,
      stored: 0,
      sent: 0,
      failed: 0,
      skipped: 0,
    });
    expect(textsTo(lee.mobileNumber)).toHaveLength(1);

    const [action] = await actionOf(s, lee.id);
    expect(action).toMatchObject({
      type: "points_earned",
      status: "sent",
      toNumber: lee.mobileNumber,
      body: "Hi Lee, you earned 250 points. Balance: 1250.",
      firstName: "Lee",
      details: { points: "250", balance: "1250" },
    });
  });

  it("texts a member without an email, read from Annex Cloud by the id Annex Cloud gave", async () => {
    const s = await setUp();
    const kim = await s.subscriber("Kim");
    annex.addActivity(kim.email, { activity: "Points Earned", points: 10, balance: 10 });
    expect((await run(sendLoyaltySmsFunction, s.runEvent)).result).toMatchObject({ members: 1, sent: 1 });
    const [stored] = await s.db
      .select({ annexId: schema.contacts.annexId })
      .from(schema.contacts)
      .where(eq(schema.contacts.id, kim.id));
    expect(stored?.annexId).toMatch(/^\d+$/);

    // Kim's email is gone; Annex Cloud still knows Kim by that id.
    await s.api.contact.update({ id: kim.id, data: { email: null } });
    annex.addActivity(stored?.annexId ?? "", { activity: "Points Earned", points: 5, balance: 15 });
    expect((await run(sendLoyaltySmsFunction, s.runEvent)).result).toMatchObject({ members: 1, stored: 1, sent: 1 });
    expect(textsTo(kim.mobileNumber).map((t) => t.body)).toEqual([
      "Hi Kim, you earned 10 points. Balance: 10.",
      "Hi Kim, you earned 5 points. Balance: 15.",
    ]);
  });

  it("texts a member who never had an email, read by the Annex Cloud id given on the contact", async () => {
    const s = await setUp();
    const [annexId] = annex.addMembers([{ id: `kai-${randomUUID().slice(0, 8)}` }]);
    const { mobileNumber } = member("Kai");
    const { id } = await s.api.contact.create({
      firstName: "Kai",
      mobileNumber,
      annexId,
      permissions: { sms: "opt_in" },
    });
    const sync = s.syncs.find((e) => e.data.contactId === id);
    expect((await run(syncAttentiveSubscription, sync!)).result).toEqual({ action: "subscribed" });
    annex.addActivity(annexId ?? "", { activity: "Points Earned", points: 7, balance: 7 });

    expect((await run(sendLoyaltySmsFunction, s.runEvent)).result).toMatchObject({ members: 1, stored: 1, sent: 1 });
    expect(textsTo(mobileNumber).map((t) => t.body)).toEqual(["Hi Kai, you earned 7 points. Balance: 7."]);
  });

  it("reads a program's members a page at a time: every member once, the ones without an email by Annex Cloud id", async () => {
    const s = await setUp();
    const count = 2 * MEMBERS_PER_PAGE + 100;
    const tag = randomUUID().slice(0, 8);
    // Even members have an email (Annex Cloud gives their id on the first read), odd ones only an Annex Cloud id.
    const seeded = Array.from({ length: count }, (_, i) =>
      i % 2 === 0 ? { email: `bulk-${i}-${tag}@example.com` } : { id: `${tag}-${i}` },
    );
    const annexIds = annex.addMembers(seeded);
    // Every tenth member redeemed a reward, a type the program does not text (skipped without calling Attentive).
    annexIds.forEach(
      (id, i) => i % 10 === 0 && annex.addActivity(id, { activity: "Reward Redeemed", rewardName: "Mug" }),
    );
    await s.db.insert(schema.contacts).values(
      seeded.map((m, i) => ({
        workspaceId: s.workspace.id,
        mobileNumber: `+4479${String(i).padStart(8, "0")}`,
        email: m.email ?? null,
        annexId: m.id ?? null,
      })),
    );
    await s.db.execute(sql`
      insert into consent_states (workspace_id, channel, address, state, source, at)
      select workspace_id, 'sms', mobile_number, 'opt_in', 'import', now() from contacts where workspace_id = ${s.workspace.id}`);

    expect((await run(sendLoyaltySmsFunction, s.runEvent)).result).toEqual({
      members: count,
      stored: count / 10,
      sent: 0,
      failed: 0,
      skipped: count / 10,
    });
    expect(annexIds.map((id) => annex.reads.get(id))).toEqual(annexIds.map(() => 1));
    const [known] = await s.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(schema.contacts)
      .where(and(eq(schema.contacts.workspaceId, s.workspace.id), isNotNull(schema.contacts.annexId)));
    expect(known?.n).toBe(count);

    // The pages themselves: 1,000 members each in contact-id order, each starting after the last.
    const sizes: number[] = [];
    for (let after: string | null = null, first = true; first || after; first = false) {
      const page: Awaited<ReturnType<typeof pullLoyaltyActions>> = await pullLoyaltyActions(
        s.db,
        s.workspace.id,
        after,
      );
      sizes.push(page.members);
      after = page.next;
    }
    expect(sizes).toEqual([MEMBERS_PER_PAGE, MEMBERS_PER_PAGE, 100]);
  }, 120_000);

  it("skips, with the reason, an action of someone Attentive says is not eligible, of a switched-off type, or missing a merge value", async () => {
    const s = await setUp();
    // Opted in here, but never subscribed in Attentive (their sync is not run).
    const ned = member("Ned");
    const { id: nedId } = await s.api.contact.create({ ...ned, permissions: { sms: "opt_in" } });
    annex.addActivity(ned.email, { activity: "Points Earned", points: 10, balance: 10 });
    const ann = await s.subscriber("Ann");
    annex.addActivity(ann.email, { activity: "REWARD_REDEEMED", rewardName: "Free coffee" });
    annex.addActivity(ann.email, { activity: "Tier Changed" });

    expect((await run(sendLoyaltySmsFunction, s.runEvent)).result).toMatchObject({ stored: 3, sent: 0, skipped: 3 });
    expect(await actionOf(s, nedId)).toMatchObject([
      {
        status: "skipped",
        reasonCode: "not_eligible",
        reason: "Attentive has no text subscription for this number that may be messaged",
      },
    ]);
    const reasons = (await actionOf(s, ann.id)).map((a) => [a.type, a.reasonCode, a.reason]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ["reward_redeemed", "action_off", "Texts for Reward redeemed are switched off"],
        ["tier_change", "missing_value", "{{tier}} has no value for this action"],
      ]),
    );
    expect(textsTo(ned.mobileNumber)).toEqual([]);
    expect(textsTo(ann.mobileNumber)).toEqual([]);
  });

  it("re-checks consent when texting: someone who opted out after the action was pulled is skipped", async () => {
    const s = await setUp();
    const oli = await s.subscriber("Oli");
    annex.addActivity(oli.email, { activity: "Points Earned", points: 40, balance: 90 });
    expect(await pullLoyaltyActions(s.db, s.workspace.id, null)).toMatchObject({ stored: 1, next: null });
    await s.api.contact.update({ id: oli.id, data: { permissions: { sms: "opt_out" } } });
    expect(await sendLoyaltySms(s.db, s.workspace.id)).toMatchObject({ sent: 0, skipped: 1 });
    expect(await actionOf(s, oli.id)).toMatchObject([
      { status: "skipped", reasonCode: "opted_out", reason: "The contact opted out of SMS" },
    ]);
    expect(textsTo(oli.mobileNumber)).toEqual([]);
  });

  it("waits out a 429 from the messages API and sends once", async () => {
    const s = await setUp();
    const ray = await s.subscriber("Ray");
    annex.addActivity(ray.email, { activity: "Points Earned", points: 1, balance: 2 });
    // Attentive keeps refusing past the client's own retries: the step gives the claim back and waits Retry-After.
    sandbox.faults.add({
      vendor: "attentive",
      kind: "rateLimit",
      retryAfterSeconds: 1,
      times: 10,
      pathPrefix: "/1/messages",
    });
    await expect(run(sendLoyaltySmsFunction, s.runEvent)).rejects.toThrow(/limiting the request rate/);
    expect(await actionOf(s, ray.id)).toMatchObject([{ status: "pending" }]);
    sandbox.faults.clear();
    // One 429 is waited out within the call itself.
    sandbox.faults.add({
      vendor: "attentive",
      kind: "rateLimit",
      retryAfterSeconds: 1,
      times: 1,
      pathPrefix: "/1/messages",
    });
    expect((await run(sendLoyaltySmsFunction, s.runEvent)).result).toMatchObject({ stored: 0, sent: 1 });
    expect(textsTo(ray.mobileNumber)).toHaveLength(1);
  });

  it("records a 5xx on sending as failed, may or may not have been sent, and never sends it again", async () => {
    const s = await setUp();
    const sam = await s.subscriber("Sam");
    annex.addActivity(sam.email, { activity: "Points Earned", points: 3, balance: 4 });
    sandbox.faults.add({ vendor: "attentive", kind: "error5xx", status: 503, times: 1, pathPrefix: "/1/messages" });
    expect((await run(sendLoyaltySmsFunction, s.runEvent)).result).toMatchObject({ sent: 0, failed: 1 });
    expect(await run(sendLoyaltySmsFunction, s.runEvent).then((r) => r.result)).toMatchObject({ sent: 0, failed: 0 });
    const [action] = await actionOf(s, sam.id);
    expect(action).toMatchObject({ status: "failed", reasonCode: "unavailable" });
    expect(action?.reason).toMatch(/may or may not have been sent, so it was not sent again/);
    expect(textsTo(sam.mobileNumber)).toEqual([]);
  });

  it("settles a send cut off after its claim as failed instead of sending it again", async () => {
    const s = await setUp();
    const tom = await s.subscriber("Tom");
    annex.addActivity(tom.email, { activity: "Points Earned", points: 3, balance: 4 });
    await pullLoyaltyActions(s.db, s.workspace.id, null);
    // A run claimed it and died mid-call.
    await s.db
      .update(schema.loyaltyActions)
      .set({ status: "sending", claimedAt: new Date(Date.now() - 3_600_000) })
      .where(eq(schema.loyaltyActions.contactId, tom.id));
    expect(await sendLoyaltySms(s.db, s.workspace.id)).toMatchObject({ sent: 0, failed: 1 });
    expect(await actionOf(s, tom.id)).toMatchObject([{ status: "failed", reasonCode: "interrupted" }]);
    expect(textsTo(tom.mobileNumber)).toEqual([]);
  });

  it("goes on through Annex Cloud 5xx answers to its member lookups, and stops with Annex Cloud's words when refused", async () => {
    const s = await setUp();
    const uma = await s.subscriber("Uma");
    annex.addActivity(uma.email, { activity: "Points Earned", points: 7, balance: 8 });
    sandbox.faults.add({ vendor: "annex", kind: "error5xx", status: 502, times: 2, pathPrefix: "/users/" });
    expect((await run(sendLoyaltySmsFunction, s.runEvent)).result).toMatchObject({ stored: 1, sent: 1 });

    // The integration's loyalty token no longer matches the Annex Cloud site's secret.
    const [row] = await s.db.select().from(schema.integrations).where(eq(schema.integrations.id, s.integrationId));
    const wrong = splitSettings(
      "attentive",
      parseSettings("attentive", { ...ATTENTIVE_SANDBOX_CREDENTIALS, loyaltyToken: "wrong" }),
    );
    await s.db
      .update(schema.integrations)
      .set({ secrets: wrong.secrets })
      .where(eq(schema.integrations.id, row?.id ?? ""));
    await expect(run(sendLoyaltySmsFunction, s.runEvent)).rejects.toThrow(
      /AC1003.*Check the Annex Cloud site id and loyalty token/,
    );
  });

  it("does nothing while the program is off", async () => {
    const s = await setUp();
    const vic = await s.subscriber("Vic");
    annex.addActivity(vic.email, { activity: "Points Earned", points: 1, balance: 1 });
    await s.api.loyalty.save({ integrationId: s.integrationId, enabled: false, rules });
    expect((await run(sendLoyaltySmsFunction, s.runEvent)).result).toEqual({
      members: 0,
      stored: 0,
      sent: 0,
      failed: 0,
      skipped: 0,
    });
    await expect(s.api.loyalty.runNow()).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Texting is off") as string,
    });
  });

  it("is started every 5 minutes for each workspace whose program is on", async () => {
    const s = await setUp();
    const { result, sent } = await run(scheduleLoyaltySms, { name: "inngest/scheduled.timer", data: {} }, [
      "start-runs",
    ]);
    expect(result).toMatchObject({ started: expect.any(Number) as number });
    expect(sent).toContainEqual(
      expect.objectContaining({ name: loyaltySmsRunRequested.name, data: { workspaceId: s.workspace.id } }),
    );
  });
});

describe("Attentive subscription follows SMS consent", () => {
  const attentiveApi = () =>
    createAttentiveClient({ ...ATTENTIVE_SANDBOX_CREDENTIALS, baseUrl: `${sandbox.url}/attentive` });
  const textEligible = async (phone: string) =>
    (await attentiveApi().getEligibility({ phone })).some((e) => e.channel === "TEXT" && e.isEligible);

  it("subscribes on opt-in and unsubscribes on opt-out, once per consent change", async () => {
    const s = await setUp();
    const wes = await s.subscriber("Wes");
    expect(await textEligible(wes.mobileNumber)).toBe(true);

    await s.api.contact.update({ id: wes.id, data: { permissions: { sms: "opt_out" } } });
    const optOut = s.syncs.filter((e) => e.data.contactId === wes.id).at(-1)!;
    expect((await run(syncAttentiveSubscription, optOut)).result).toEqual({ action: "unsubscribed" });
    expect(await textEligible(wes.mobileNumber)).toBe(false);
    // The same change handled again finds nothing to do.
    expect((await run(syncAttentiveSubscription, optOut)).result).toEqual({
      action: "none",
      reason: "Not subscribed in Attentive",
    });
  });

  it("subscribes the contact's email with the number when the email opted in to email", async () => {
    const s = await setUp();
    const emailSubscribed = async (email: string) => {
      const answer = await fetch(`${sandbox.url}/attentive/v1/subscriptions?email=${encodeURIComponent(email)}`, {
        headers: { authorization: `Bearer ${ATTENTIVE_SANDBOX_CREDENTIALS.apiKey}` },
      });
      if (answer.status === 404) return false;
      const body = (await answer.json()) as {
        subscriptionEligibilities: { subscription: { channel: string }; eligibility: { isEligible: boolean } }[];
      };
      return body.subscriptionEligibilities.some((e) => e.subscription.channel === "EMAIL" && e.eligibility.isEligible);
    };
    const subscribe = async (values: ReturnType<typeof member>, email?: "opt_in" | "opt_out") => {
      const { id } = await s.api.contact.create({ ...values, permissions: { sms: "opt_in", email } });
      const sync = s.syncs.find((e) => e.data.contactId === id);
      expect((await run(syncAttentiveSubscription, sync!)).result).toEqual({ action: "subscribed" });
      expect(await textEligible(values.mobileNumber)).toBe(true);
    };
    const ada = member("Ada");
    await subscribe(ada, "opt_in");
    expect(await emailSubscribed(ada.email)).toBe(true);
    // Attentive would subscribe the email too, and report it back as an opt-in: not without consent.
    const bo = member("Bo");
    await subscribe(bo, "opt_out");
    expect(await emailSubscribed(bo.email)).toBe(false);
    const cy = member("Cy");
    await subscribe(cy);
    expect(await emailSubscribed(cy.email)).toBe(false);
  });

  it("unsubscribes a number that is nobody's contact when it opts out of SMS, and records the write-back", async () => {
    const s = await setUp();
    // Subscribed in Attentive (a sign-up outside Switchboard), never imported as a contact.
    const { mobileNumber } = member("Nobody");
    await attentiveApi().subscribe({ phone: mobileNumber });
    expect(await textEligible(mobileNumber)).toBe(true);

    const { eventId } = await s.db.transaction((tx) =>
      recordConsent(tx, {
        workspaceId: s.workspace.id,
        channel: "sms",
        address: mobileNumber,
        contactId: null,
        state: "opt_out",
        source: "keyword",
        actorUserId: null,
        evidence: "Replied “STOP”",
      }),
    );
    const sync = s.syncs.find((e) => e.data.consentEventId === eventId)!;
    expect(sync.data).toMatchObject({ contactId: null, address: mobileNumber });
    expect((await run(syncAttentiveSubscription, sync)).result).toEqual({ action: "unsubscribed" });
    expect(await textEligible(mobileNumber)).toBe(false);
    const [writeBack] = await s.db
      .select()
      .from(schema.consentWriteBacks)
      .where(eq(schema.consentWriteBacks.consentEventId, eventId));
    expect(writeBack).toMatchObject({
      target: "attentive",
      status: "done",
      attempts: 1,
      outcome: "Unsubscribed from texts in Attentive",
    });
  });

  it("follows the consent as it is now when changes are handled out of order", async () => {
    const s = await setUp();
    const xia = await s.subscriber("Xia");
    await s.api.contact.update({ id: xia.id, data: { permissions: { sms: "opt_out" } } });
    // Back in only as a deliberate re-subscribe, by an admin with the customer's consent.
    await (
      await callerFor(s.admin)
    ).contact.resubscribe({ id: xia.id, channel: "sms", source: "keyword", reason: "Texted START on 1 March" });
    const [, optOut, optIn] = s.syncs.filter((e) => e.data.contactId === xia.id);
    // The opt-in is handled first, then the opt-out arrives late: Xia is opted in now, so stays subscribed.
    expect((await run(syncAttentiveSubscription, optIn!)).result).toEqual({
      action: "none",
      reason: "Already subscribed in Attentive",
    });
    expect((await run(syncAttentiveSubscription, optOut!)).result).toEqual({
      action: "none",
      reason: "Already subscribed in Attentive",
    });
    expect(await textEligible(xia.mobileNumber)).toBe(true);
  });

  it("retries while the consent change is not visible yet", async () => {
    const s = await setUp();
    const { id } = await s.api.contact.create({ ...member("Yan") });
    const event = {
      name: attentiveSubscriptionSyncRequested.name,
      data: {
        workspaceId: s.workspace.id,
        contactId: id,
        address: "+447911100000",
        consentEventId: randomUUID(),
        writeBackId: randomUUID(),
      },
    };
    await expect(run(syncAttentiveSubscription, event)).rejects.toThrow(/not visible yet/);
  });

  it("follows the workspace's Attentive integration when there is no loyalty program", async () => {
    const syncs = captureEvents((e) => e.name === attentiveSubscriptionSyncRequested.name);
    const ws = await createWorkspace();
    await ws.db.insert(schema.integrations).values({
      workspaceId: ws.workspace.id,
      vendor: "attentive",
      label: "Attentive SMS",
      sandbox: true,
      status: "active",
      ...splitSettings("attentive", parseSettings("attentive", ATTENTIVE_SANDBOX_CREDENTIALS)),
    });
    const { id } = await (
      await callerFor(ws.marketer)
    ).contact.create({ ...member("Uma"), permissions: { sms: "opt_in" } });
    const [sync] = syncs.filter((e) => e.data.contactId === id);
    expect((await run(syncAttentiveSubscription, sync!)).result).toEqual({ action: "subscribed" });
  });

  it("asks nothing of Attentive for a workspace without an Attentive integration, nor for other channels", async () => {
    const syncs = captureEvents((e) => e.name === attentiveSubscriptionSyncRequested.name);
    const ws = await createWorkspace();
    await (await callerFor(ws.marketer)).contact.create({ ...member("Zoe"), permissions: { sms: "opt_in" } });
    const s = await setUp();
    await s.api.contact.create({ ...member("Zed"), permissions: { whatsapp: "opt_in", email: "opt_in" } });
    expect(syncs.filter((e) => e.data.workspaceId === ws.workspace.id)).toEqual([]);
    expect(s.syncs.filter((e) => e.data.workspaceId === s.workspace.id)).toEqual([]);
  });
});
