import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../sandbox/server";
import { WAVY_SANDBOX_CREDENTIALS, wavyFake } from "../../sandbox/wavy";
import { VendorError } from "../http";
import { createWavyClient, type WavyClientSettings } from "./client";
import { sendResponse } from "./wire";

const DAY_MS = 24 * 60 * 60 * 1000;
let clock = Date.parse("2025-05-02T10:00:00Z");
const fake = wavyFake({ now: () => clock });
let sandbox: Sandbox;
let settings: WavyClientSettings;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [fake] });
  settings = { ...WAVY_SANDBOX_CREDENTIALS, baseUrl: `${sandbox.url}/wavy` };
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.faults.clear());

const options = { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 }, timeoutMs: 300 };
const client = (overrides: Partial<WavyClientSettings> = {}) =>
  createWavyClient({ ...settings, ...overrides }, options);
const statusOf = (id: string) => fake.messages.find((m) => m.id === id)?.status;
const hsm = (elementName: string, parameters: string[]) => ({
  destinations: [{ destination: "+55 (11) 99999-0001", correlationId: "call-8812" }],
  elementName,
  languageCode: "pt_BR",
  parameters,
});
const text = { destination: "+5511999990002", correlationId: "chat-1", text: "Your agent is here" };

describe("Wavy connection test", () => {
  it("signs in and reports the approved numbers as senders", async () => {
    const result = await client().testConnection();
    expect(result.ok).toBe(true);
    expect(result.checks).toEqual([
      { name: "Sign in to Wavy", ok: true, message: expect.stringContaining("demo") as string },
      { name: "Approved numbers", ok: true, message: "Messages will be sent from 1 approved number: +5511988887777." },
    ]);
    expect(result.senders).toEqual([
      {
        externalId: "+5511988887777",
        name: "WhatsApp +5511988887777",
        phoneNumber: "+5511988887777",
        messagesPerSecond: null,
      },
    ]);
  });

  it("fails sign-in with Wavy's own words when the token is wrong, without throwing", async () => {
    const result = await client({ password: "wrong-token" }).testConnection();
    expect(result.ok).toBe(false);
    expect(result.senders).toBeUndefined();
    expect(result.checks[0]).toMatchObject({ name: "Sign in to Wavy", ok: false });
    expect(result.checks[0]?.message).toMatch(
      /No user was found with this combination of username and Authentication token.*Check the Username and the Password/,
    );
  });

  it("fails the numbers check for a number that is not in international format", async () => {
    const result = await client({ dids: ["+5511988887777", "011 98888-7777"] }).testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks.map((c) => c.ok)).toEqual([true, false]);
    expect(result.checks[1]?.message).toMatch(/011 98888-7777/);
  });

  it("says what is wrong when Wavy stays down", async () => {
    sandbox.faults.add({ vendor: "wavy", kind: "error5xx", status: 503, times: 3 });
    const result = await client().testConnection();
    expect(result.checks[0]).toMatchObject({
      ok: false,
      message: expect.stringMatching(/server error, HTTP 503.*Try again/) as string,
    });
  });
});

describe("Wavy templates (HSM)", () => {
  it("sends an approved template and returns one id per destination", async () => {
    const destinations = [
      { destination: "+5511999990001", correlationId: "call-1" },
      { destination: "+5511999990003", correlationId: "call-2" },
    ];
    const sent = await client().sendHsm({
      ...hsm("chatclub_open_session_v2", ["Integra", "Operation Performed"]),
      destinations,
    });
    expect(sent.map((s) => s.correlationId)).toEqual(["call-1", "call-2"]);
    expect(new Set(sent.map((s) => s.id)).size).toBe(2);
    expect(fake.messages.find((m) => m.id === sent[0]?.id)).toMatchObject({
      destination: "5511999990001",
      correlationId: "call-1",
      status: "SENT_SUCCESS",
      text: "Integra reports: Operation Performed",
    });
  });

  it("is accepted but ends INVALID_MESSAGE_TEXT for an unknown template or a wrong parameter count", async () => {
    const [unknown] = await client().sendHsm(hsm("no_such_template", ["a", "b"]));
    const [short] = await client().sendHsm(hsm("chatclub_open_session_v2", ["Integra"]));
    const [otherNamespace] = await client({ smsFromNamespace: "someone_else" }).sendHsm(
      hsm("chatclub_open_session_v2", ["a", "b"]),
    );
    expect([unknown, short, otherNamespace].map((s) => statusOf(s!.id))).toEqual([
      "INVALID_MESSAGE_TEXT",
      "INVALID_MESSAGE_TEXT",
      "INVALID_MESSAGE_TEXT",
    ]);
  });

  it("throws an auth VendorError with Wavy's message for wrong credentials", async () => {
    const error = await client({ username: "nobody" })
      .sendHsm(hsm("chatclub_open_session_v2", ["a", "b"]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({
      kind: "auth",
      status: 401,
      vendorCode: "401",
      message: expect.stringContaining("No user was found") as string,
    });
  });

  it("throws a rejected VendorError with the validation error for an empty destination list", async () => {
    const error = await client()
      .sendHsm({ ...hsm("chatclub_open_session_v2", ["a", "b"]), destinations: [] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "rejected",
      status: 400,
      message: expect.stringMatching(/Validation Error: destinations must not be empty/) as string,
    });
  });
});

describe("Wavy session messages", () => {
  it("sends free-form text only within 24 hours of the user's last message", async () => {
    const closed = await client().sendText(text);
    fake.receiveInbound("+55 11 99999-0002", "Can I move it to 3pm?");
    clock += DAY_MS - 60_000;
    const open = await client().sendText(text);
    clock += 120_000;
    const expired = await client().sendText(text);
    expect([closed, open, expired].map(statusOf)).toEqual(["INVALID_SESSION", "SENT_SUCCESS", "INVALID_SESSION"]);
    expect(fake.messages.find((m) => m.id === open)).toMatchObject({
      correlationId: "chat-1",
      text: "Your agent is here",
    });
  });
});

describe("Wavy responses", () => {
  it("reads ids whatever the case of the keys, and the singular list name of the docs", () => {
    const parsed = sendResponse.parse({
      Id: "batch",
      Destination: [{ Id: "m-1", CorrelationId: "call-8812", Destination: "5511999990001" }],
    });
    expect(parsed).toEqual([{ id: "m-1", correlationId: "call-8812" }]);
  });
});

describe("Wavy faults", () => {
  it("retries a 5xx on the connection test, then succeeds", async () => {
    sandbox.faults.add({ vendor: "wavy", kind: "error5xx", status: 502, times: 2 });
    expect((await client().testConnection()).ok).toBe(true);
  });

  it("does not repeat a send after a 5xx, since Wavy may have sent it", async () => {
    sandbox.faults.add({ vendor: "wavy", kind: "error5xx", status: 502, times: 2 });
    await expect(client().sendHsm(hsm("chatclub_open_session_v2", ["a", "b"]))).rejects.toMatchObject({
      kind: "unavailable",
      status: 502,
    });
    expect(sandbox.faults.list()).toHaveLength(1);
  });

  it("retries a 429, then succeeds", async () => {
    sandbox.faults.add({ vendor: "wavy", kind: "rateLimit", retryAfterSeconds: 0 });
    expect(await client().sendHsm(hsm("chatclub_open_session_v2", ["a", "b"]))).toHaveLength(1);
  });

  it("retries a dropped connection on the connection test, then succeeds", async () => {
    sandbox.faults.add({ vendor: "wavy", kind: "drop" });
    expect((await client().testConnection()).ok).toBe(true);
  });

  it("ends in a timeout VendorError when every answer is too slow", async () => {
    sandbox.faults.add({ vendor: "wavy", kind: "slow", delayMs: 2_000, times: 3 });
    await expect(client().sendText(text)).rejects.toMatchObject({ name: "VendorError", kind: "timeout" });
  });

  it("ends in an unavailable VendorError when every attempt gets a 5xx", async () => {
    sandbox.faults.add({ vendor: "wavy", kind: "error5xx", status: 500, times: 3 });
    await expect(client().sendHsm(hsm("chatclub_open_session_v2", ["a", "b"]))).rejects.toMatchObject({
      name: "VendorError",
      kind: "unavailable",
      status: 500,
    });
  });
});
