import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ATTENTIVE_INACTIVE_LEGACY_TOKEN, ATTENTIVE_SANDBOX_CREDENTIALS, attentiveFake } from "../../sandbox/attentive";
import { startSandbox, type Sandbox } from "../../sandbox/server";
import { VendorError } from "../http";
import { createAttentiveClient, type AttentiveSettings } from "./client";

const retry = { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 };
const fake = attentiveFake();

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [fake] });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.faults.clear());

function client(overrides: Partial<AttentiveSettings> = {}) {
  return createAttentiveClient(
    { ...ATTENTIVE_SANDBOX_CREDENTIALS, baseUrl: `${sandbox.url}/attentive`, ...overrides },
    { retry, timeoutMs: 300 },
  );
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a VendorError"),
    (error: unknown) => error as VendorError,
  );

describe("Attentive testConnection", () => {
  it("checks the API key, the eligibility lookup and the legacy token, and learns the company", async () => {
    const result = await client().testConnection();
    expect(result).toEqual({
      ok: true,
      checks: [
        {
          name: "Attentive API key",
          ok: true,
          message: 'Connected to Switchboard Demo Store as the app "Annex Cloud Loyalty".',
        },
        {
          name: "Eligibility lookup",
          ok: true,
          message: "Attentive answered a subscription lookup for a test number.",
        },
        {
          name: "Legacy messages token",
          ok: true,
          message: expect.stringContaining("did not refuse the legacy token") as string,
        },
      ],
      learned: { companyId: "MDc6Q29tcGFueTU", companyName: "Switchboard Demo Store" },
    });
    expect(fake.sent).toEqual([]);
  });

  it("reports a wrong API key in Attentive's words, without throwing", async () => {
    const result = await client({ apiKey: "wrong" }).testConnection();
    expect(result.ok).toBe(false);
    expect(result.learned).toBeUndefined();
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ["Attentive API key", false],
      ["Eligibility lookup", false],
      ["Legacy messages token", true],
    ]);
    expect(result.checks[0]?.message).toBe(
      "Attentive answered HTTP 401 while checking the API key: Unauthorized. Check the API key: copy it again from your custom app in Attentive (Integrations tab).",
    );
  });

  it("tells the admin how to get a legacy token activated", async () => {
    const result = await client({ legacyToken: ATTENTIVE_INACTIVE_LEGACY_TOKEN }).testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks[2]).toEqual({
      name: "Legacy messages token",
      ok: false,
      message: expect.stringContaining("email legacyapi@attentivemobile.com") as string,
    });
    expect(result.checks[2]?.message).toContain("not activated for the legacy API");
  });
});

describe("Attentive subscriptions", () => {
  it("subscribes a member (10-digit US number sent as E.164), then reports them as already subscribed", async () => {
    const member = { phone: "(770) 555-0142", email: "lee@example.com" };
    expect(await client().subscribe(member)).toEqual([
      { type: "MARKETING", channel: "TEXT", status: "NEWLY_CREATED" },
      { type: "MARKETING", channel: "EMAIL", status: "NEWLY_CREATED" },
    ]);
    expect(await client().getEligibility({ phone: "+17705550142", email: "lee@example.com" })).toEqual([
      { type: "MARKETING", channel: "TEXT", isEligible: true },
      { type: "MARKETING", channel: "EMAIL", isEligible: true },
    ]);
    expect((await client().subscribe(member)).map((s) => s.status)).toEqual([
      "PREVIOUSLY_CREATED",
      "PREVIOUSLY_CREATED",
    ]);
  });

  it("explains where to find the sign-up source id when Attentive refuses it", async () => {
    const error = await rejection(client({ signUpSourceId: "999" }).subscribe({ phone: "+17705550143" }));
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ kind: "rejected", status: 400 });
    expect(error.message).toContain("no API sign-up unit has the id 999");
    expect(error.message).toContain("open the Subscribers tab, find the sign-up flow");
  });

  it("answers an empty list for someone Attentive does not know", async () => {
    expect(await client().getEligibility({ phone: "+17705550199" })).toEqual([]);
  });

  it("unsubscribes the demo member from everything, once", async () => {
    const maya = { phone: "7705550123", email: "maya@example.com" };
    expect(await client().unsubscribe(maya)).toEqual([
      { type: "MARKETING", channel: "TEXT", status: "NEWLY_UNSUBSCRIBED" },
      { type: "MARKETING", channel: "EMAIL", status: "NEWLY_UNSUBSCRIBED" },
    ]);
    expect((await client().getEligibility(maya)).map((e) => e.isEligible)).toEqual([false, false]);
    expect((await client().unsubscribe(maya)).map((s) => s.status)).toEqual([
      "PREVIOUSLY_UNSUBSCRIBED",
      "PREVIOUSLY_UNSUBSCRIBED",
    ]);
    expect(await client().unsubscribe({ phone: "+17705550198" })).toEqual([]);
  });
});

describe("Attentive sendMessage", () => {
  it("sends a text with the legacy token", async () => {
    expect(await client().sendMessage({ to: "770-555-0123", body: "You earned 250 points!" })).toEqual({
      to: "+17705550123",
    });
    expect(fake.sent).toContainEqual({ to: "+17705550123", body: "You earned 250 points!" });
  });

  it("refuses with a non-activated legacy token and says to email legacyapi@attentivemobile.com", async () => {
    const error = await rejection(
      client({ legacyToken: ATTENTIVE_INACTIVE_LEGACY_TOKEN }).sendMessage({ to: "+17705550123", body: "Hi" }),
    );
    expect(error).toMatchObject({ kind: "auth", status: 403 });
    expect(error.message).toContain(
      "email legacyapi@attentivemobile.com and ask them to activate the legacy API access token",
    );
  });
});

describe("Attentive faults", () => {
  it("retries a 5xx and then succeeds", async () => {
    sandbox.faults.add({
      vendor: "attentive",
      kind: "error5xx",
      status: 502,
      times: 2,
      pathPrefix: "/v1/subscriptions",
    });
    expect(await client().getEligibility({ phone: "+17705550199" })).toEqual([]);
  });

  it("waits out a 429 and then succeeds", async () => {
    sandbox.faults.add({ vendor: "attentive", kind: "rateLimit", retryAfterSeconds: 0, pathPrefix: "/1/messages" });
    expect(await client().sendMessage({ to: "+17705550123", body: "Your tier is now Gold" })).toEqual({
      to: "+17705550123",
    });
  });

  it("retries a dropped connection", async () => {
    sandbox.faults.add({ vendor: "attentive", kind: "drop", pathPrefix: "/v1/me" });
    expect((await client().testConnection()).ok).toBe(true);
  });

  it("ends in a timeout error when Attentive answers too slowly", async () => {
    sandbox.faults.add({
      vendor: "attentive",
      kind: "slow",
      delayMs: 2_000,
      times: retry.attempts,
      pathPrefix: "/v1/subscriptions",
    });
    const error = await rejection(client().getEligibility({ phone: "+17705550199" }));
    expect(error).toMatchObject({ kind: "timeout" });
  });

  it("ends in an unavailable error when every attempt gets a 5xx", async () => {
    sandbox.faults.add({
      vendor: "attentive",
      kind: "error5xx",
      status: 503,
      times: retry.attempts,
      pathPrefix: "/v1/subscriptions",
    });
    const error = await rejection(client().subscribe({ phone: "+17705550144" }));
    expect(error).toMatchObject({ kind: "unavailable", status: 503 });
    expect(error.message).toContain("Attentive had a server error");
  });
});
