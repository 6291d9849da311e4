import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ANNEX_SANDBOX_CREDENTIALS, annexFake } from "../../sandbox/annex";
import { startSandbox, type Sandbox } from "../../sandbox/server";
import { VendorError } from "../http";
import { createAnnexClient, loyaltyApiToken, type AnnexSettings } from "./client";
import type { SegmentRequest } from "./wire";

const retry = { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 };
const fake = annexFake();

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [fake] });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.faults.clear();
  fake.strictHmac = false;
});

function client(overrides: Partial<AnnexSettings> = {}) {
  return createAnnexClient(
    { ...ANNEX_SANDBOX_CREDENTIALS, clientName: "Attentive", baseUrl: `${sandbox.url}/annex`, ...overrides },
    { retry, timeoutMs: 300 },
  );
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a VendorError"),
    (error: unknown) => error as VendorError,
  );

// Annex Cloud's documented sample request.
const sample: SegmentRequest = {
  name: "Only Members",
  type: "Current Data",
  fromDate: "2020-01-17",
  toDate: "2020-02-14",
  member: "jacobsmith@gmail.com,brianpaul@gmail.com,markburger@gmail.com",
  status: "ACTIVE",
  externalId: "123",
  externalName: "Members specific",
};

describe("Annex Cloud createSegment", () => {
  it("creates Annex Cloud's sample segment and returns its echo", async () => {
    // The hmac claim is checked too: it must be the hex HMAC of the exact body sent.
    fake.strictHmac = true;
    const segment = await client().createSegment(sample);
    expect(segment).toEqual({
      segmentId: expect.stringMatching(/^\d+$/) as string,
      name: "Only Members",
      type: "Current Data",
      fromDate: "2020-01-17T00:00:00+0000",
      toDate: "2020-02-14T23:59:00+0000",
      status: "ACTIVE",
      externalId: "123",
      externalName: "Members specific",
    });
    expect(fake.segments.at(-1)).toMatchObject({
      segmentId: Number(segment.segmentId),
      siteId: ANNEX_SANDBOX_CREDENTIALS.siteId,
      members: ["jacobsmith@gmail.com", "brianpaul@gmail.com", "markburger@gmail.com"],
    });
  });

  it("numbers segments one after another", async () => {
    const first = await client().createSegment(sample);
    const second = await client().createSegment({ ...sample, name: "Second" });
    expect(Number(second.segmentId)).toBe(Number(first.segmentId) + 1);
  });

  it("surfaces Annex Cloud's error code and message for a refused segment", async () => {
    const error = await rejection(client().createSegment({ ...sample, fromDate: "17/01/2020" }));
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ vendor: "annex", kind: "rejected", status: 400, vendorCode: "AC1002" });
    expect(error.message).toBe("Annex Cloud answered AC1002 (HTTP 400): fromDate must be in yyyy-mm-dd format.");
  });

  it("treats a 200 whose body carries errorCode as a failure", async () => {
    fake.failNextSegment({ errorCode: "AC1001", errorMessage: "Oops! Something went wrong." }, 200);
    const error = await rejection(client().createSegment(sample));
    expect(error).toMatchObject({ kind: "rejected", vendorCode: "AC1001" });
    expect(error.message).toContain("Oops! Something went wrong");
  });

  it("is refused with a wrong shared secret, and says which settings to check", async () => {
    const error = await rejection(client({ sharedSecret: "wrong" }).createSegment(sample));
    expect(error).toMatchObject({ kind: "auth", status: 401, vendorCode: "AC1003" });
    expect(error.message).toContain("signature does not match");
    expect(error.message).toContain("Check the Annex Cloud site id and loyalty token");
  });

  it("is refused for an unknown site", async () => {
    const error = await rejection(client({ siteId: "999" }).createSegment(sample));
    expect(error).toMatchObject({ kind: "auth", vendorCode: "AC1003" });
    expect(error.message).toContain("Unknown site id 999");
  });

  it("does not retry a 5xx: Annex Cloud may have created the segment", async () => {
    const before = fake.segments.length;
    sandbox.faults.add({ vendor: "annex", kind: "error5xx", status: 502, times: 1, pathPrefix: "/segment" });
    const error = await rejection(client().createSegment(sample));
    expect(error).toMatchObject({ kind: "unavailable", status: 502 });
    expect(fake.segments.length).toBe(before);
    // The fault was used once: the next call goes through.
    await client().createSegment(sample);
    expect(fake.segments.length).toBe(before + 1);
  });
});

describe("Annex Cloud sandbox credentials", () => {
  it("refuses an expired token and one whose hmac does not match the body", async () => {
    const body = JSON.stringify(sample);
    const post = (token: string, sent = body) =>
      fetch(`${sandbox.url}/annex/segment`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-annexcloud-site": ANNEX_SANDBOX_CREDENTIALS.siteId,
          authorization: `Bearer ${token}`,
        },
        body: sent,
      });
    const settings = { ...ANNEX_SANDBOX_CREDENTIALS, clientName: "Attentive" };
    const expired = await post(loyaltyApiToken(settings, body, Date.now() - 3_600_000));
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ errorCode: "AC1003", errorMessage: "The access token has expired" });

    fake.strictHmac = true;
    const tampered = await post(loyaltyApiToken(settings, body), body.replace("Only Members", "Everyone"));
    expect(await tampered.json()).toEqual({
      errorCode: "AC1003",
      errorMessage: "The access token's hmac does not match the request body",
    });

    const missingSite = await fetch(`${sandbox.url}/annex/segment`, {
      method: "POST",
      headers: { authorization: `Bearer ${loyaltyApiToken(settings, body)}` },
      body,
    });
    expect(await missingSite.json()).toMatchObject({ errorMessage: "The X-AnnexCloud-Site header is required" });
  });
});

describe("Annex Cloud getActivity", () => {
  it("reads a member's loyalty actions, the token's hmac covering the email", async () => {
    fake.strictHmac = true;
    const at = new Date("2026-02-03T04:05:06.789Z");
    const earned = fake.addActivity("Mia@Example.com", {
      activity: "Points Earned",
      points: 250,
      balance: 1250,
      createdAt: at,
    });
    const tier = fake.addActivity("mia@example.com", { activity: "Tier Change", tier: "Gold" });
    const { annexId, activities, unreadable } = await client().getActivity(" mia@example.com ");
    expect(unreadable).toBe(0);
    // Annex Cloud names the member's own id, by which the next read can find them without the email.
    expect(annexId).toMatch(/^\d+$/);
    expect((await client().getActivity(annexId ?? "")).activities).toHaveLength(2);
    expect(activities).toEqual([
      {
        activityId: String(earned.activityId),
        activity: "Points Earned",
        occurredAt: new Date("2026-02-03T04:05:06Z"),
        points: "250",
        balance: "1250",
        rewardName: null,
        tier: null,
      },
      expect.objectContaining({
        activityId: String(tier.activityId),
        activity: "Tier Change",
        tier: "Gold",
        points: null,
      }),
    ]);
  });

  it("answers no actions for a member Annex Cloud does not know", async () => {
    expect(await client().getActivity("nobody@example.com")).toEqual({ annexId: null, activities: [], unreadable: 0 });
  });

  it("retries a 5xx (a read is safe to repeat) and reports refused credentials", async () => {
    fake.addActivity("kai@example.com", { activity: "Reward Redeemed", rewardName: "Free coffee" });
    sandbox.faults.add({ vendor: "annex", kind: "error5xx", status: 503, times: 2, pathPrefix: "/users/" });
    expect((await client().getActivity("kai@example.com")).activities).toHaveLength(1);
    const error = await rejection(client({ sharedSecret: "wrong" }).getActivity("kai@example.com"));
    expect(error).toMatchObject({ kind: "auth", status: 401, vendorCode: "AC1003" });
  });
});

describe("Annex Cloud sandbox control", () => {
  it("records a loyalty action posted to /_control/annex/activity, and refuses one without an email", async () => {
    const post = (body: unknown) =>
      fetch(`${sandbox.url}/_control/annex/activity`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const created = await post({ email: "demo@example.com", activity: "Points Earned", points: 100, balance: 600 });
    expect(created.status).toBe(201);
    expect((await client().getActivity("demo@example.com")).activities).toEqual([
      expect.objectContaining({ activity: "Points Earned", points: "100", balance: "600" }),
    ]);
    const refused = await post({ activity: "Points Earned" });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("email");
  });
});
