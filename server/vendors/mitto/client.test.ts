import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MITTO_SANDBOX_CREDENTIALS, mittoFake } from "../../sandbox/mitto";
import { startSandbox, type Sandbox } from "../../sandbox/server";
import { VendorError } from "../http";
import { createMittoClient, type MittoSettings } from "./client";

const retry = { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 };
const WHATSAPP_DE = "6f1c2a9e-0b7d-4c53-9a55-0d6c2f1e8a11";
const WHATSAPP_BR = "b3e9d7a4-5c2f-4e8b-8d1a-2f6c9e0b7a35";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [mittoFake()] });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.faults.clear());

const common = {
  acceptTerms: true,
  username: MITTO_SANDBOX_CREDENTIALS.username,
} as const;

function client(overrides: Partial<MittoSettings> = {}) {
  const settings: MittoSettings = {
    ...common,
    authMethod: "password",
    password: MITTO_SANDBOX_CREDENTIALS.password,
    baseUrl: `${sandbox.url}/mitto`,
    ...overrides,
  };
  return createMittoClient(settings, { retry, timeoutMs: 300 });
}
const apiKeyClient = (apiKey: string = MITTO_SANDBOX_CREDENTIALS.apiKey) =>
  client({ authMethod: "apiKey", password: undefined, apiKey });

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a VendorError"),
    (error: unknown) => error as VendorError,
  );

describe("Mitto testConnection", () => {
  it("signs in with a password and finds the WhatsApp business accounts only", async () => {
    const result = await client().testConnection();
    expect(result.ok).toBe(true);
    expect(result.checks).toEqual([
      { name: "Sign in to Mitto", ok: true, message: `Signed in as ${MITTO_SANDBOX_CREDENTIALS.username}.` },
      {
        name: "Find WhatsApp business accounts",
        ok: true,
        message: expect.stringContaining("Found 2 WhatsApp business account(s)") as string,
      },
    ]);
    expect(result.senders).toEqual([
      {
        externalId: WHATSAPP_DE,
        name: "Switchboard Demo WhatsApp",
        phoneNumber: "+493098765432",
        messagesPerSecond: null,
      },
      {
        externalId: WHATSAPP_BR,
        name: "Switchboard Demo Brasil",
        phoneNumber: "+5511987650000",
        messagesPerSecond: null,
      },
    ]);
  });

  it("works with an API key", async () => {
    const result = await apiKeyClient().testConnection();
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => c.message)[0]).toBe("Mitto accepted the API key.");
    expect(result.senders).toHaveLength(2);
  });

  it("reports a wrong password in Mitto's words, without throwing", async () => {
    const result = await client({ password: "wrong" }).testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks).toEqual([
      {
        name: "Sign in to Mitto",
        ok: false,
        message:
          "Mitto refused the email/username and password while signing in: Invalid email or password. Check the email/username and password in the integration settings.",
      },
    ]);
  });

  it("reports a wrong API key as a failed sign-in", async () => {
    const result = await apiKeyClient("not-a-key").testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]).toMatchObject({
      name: "Sign in to Mitto",
      ok: false,
      message: expect.stringContaining("Mitto refused the API key") as string,
    });
  });

  it("names the account listing as the failed check when only that fails", async () => {
    sandbox.faults.add({ vendor: "mitto", kind: "error5xx", times: 3, pathPrefix: "/api/v1/trafficAccounts" });
    const result = await client().testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ["Sign in to Mitto", true],
      ["Find WhatsApp business accounts", false],
    ]);
    expect(result.checks[1]?.message).toMatch(/server error \(HTTP 503\)/);
  });
});

describe("Mitto templates and messages", () => {
  it("lists a business account's templates in Meta's shape, whatever their status", async () => {
    const templates = await client().listTemplates(WHATSAPP_DE);
    expect(templates.find((t) => t.name === "mcp_account")).toEqual({
      name: "mcp_account",
      language: "en",
      category: "UTILITY",
      status: "APPROVED",
      components: [
        {
          type: "BODY",
          text: "Dear {{1}}, your Mitto Dashboard account was successfully created. Please check your email inbox.",
          example: { body_text: [["Vaishali"]] },
        },
      ],
    });
    expect(templates.find((t) => t.name === "appointment_reminder")).toMatchObject({
      language: "en_US",
      status: "APPROVED",
    });
    expect(templates.map((t) => t.status).sort()).toEqual(["APPROVED", "APPROVED", "PENDING", "REJECTED"]);
  });

  it("explains an unknown traffic account", async () => {
    const error = await rejection(apiKeyClient().listTemplates("no-such-account"));
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ kind: "rejected", status: 404 });
    expect(error.message).toBe(
      "Mitto found nothing while listing the WhatsApp templates of traffic account no-such-account: WhatsApp traffic account not found. Check the ids used.",
    );
  });

  it("sends a template with its placeholders, and the message is delivered", async () => {
    const mitto = client();
    const { messageId } = await mitto.sendTemplate({
      trafficAccountId: WHATSAPP_DE,
      to: "+918604475381",
      templateName: "mcp_account",
      language: "en",
      parameters: ["Vaishali"],
    });
    expect(messageId).toMatch(/^01[0-9A-Z]{24}$/);
    expect(await mitto.getMessage(messageId)).toEqual({ messageId, deliveryStatus: "Delivered", description: null });
  });

  it("sends free text as a WhatsApp session message, and it is delivered", async () => {
    const mitto = client();
    const { messageId } = await mitto.sendText({
      trafficAccountId: WHATSAPP_DE,
      to: "+918604475381",
      text: "Your parcel is with the neighbour at number 12.",
    });
    expect(await mitto.getMessage(messageId)).toEqual({ messageId, deliveryStatus: "Delivered", description: null });
  });

  it("sees a wrong parameter count or an unknown template fail downstream", async () => {
    const mitto = apiKeyClient();
    const short = await mitto.sendTemplate({
      trafficAccountId: WHATSAPP_DE,
      to: "+918604475381",
      templateName: "appointment_reminder",
      language: "en_US",
      parameters: ["Ana"],
    });
    expect(await mitto.getMessage(short.messageId)).toMatchObject({
      deliveryStatus: "Failure",
      description: "Template appointment_reminder expects 3 body parameter(s), got 1",
    });
    const unknown = await mitto.sendTemplate({
      trafficAccountId: WHATSAPP_DE,
      to: "+918604475381",
      templateName: "nope",
      language: "en",
      parameters: [],
    });
    expect(await mitto.getMessage(unknown.messageId)).toMatchObject({
      deliveryStatus: "Failure",
      description: expect.stringContaining("nope does not exist") as string,
    });
    const pending = await mitto.sendTemplate({
      trafficAccountId: WHATSAPP_DE,
      to: "+918604475381",
      templateName: "summer_sale",
      language: "en",
      parameters: ["Ana"],
    });
    expect(await mitto.getMessage(pending.messageId)).toMatchObject({
      deliveryStatus: "Failure",
      description: expect.stringContaining("is PENDING") as string,
    });
  });

  it("a bare-string language is accepted and then fails, which is why the adapter sends { code }", async () => {
    const res = await fetch(`${sandbox.url}/mitto/api/v1.1/Messages/send`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Mitto-API-Key": MITTO_SANDBOX_CREDENTIALS.apiKey },
      body: JSON.stringify({
        trafficAccountId: WHATSAPP_DE,
        destination: "+918604475381",
        whatsapp: {
          type: "template",
          template: {
            name: "mcp_account",
            language: "en",
            components: [{ type: "body", parameters: [{ type: "text", text: "Vaishali" }] }],
          },
        },
      }),
    });
    expect(res.status).toBe(200);
    const { messages } = (await res.json()) as { messages: { messageId: string }[] };
    const sent = await apiKeyClient().getMessage(messages[0]?.messageId ?? "");
    expect(sent).toMatchObject({ deliveryStatus: "Failure", description: "Can't get template language code" });
  });

  it("turns a refused send into words, with the field Mitto complained about", async () => {
    const error = await rejection(
      client().sendTemplate({
        trafficAccountId: WHATSAPP_DE,
        to: "not a number",
        templateName: "mcp_account",
        language: "en",
        parameters: ["x"],
      }),
    );
    expect(error).toMatchObject({ kind: "rejected", status: 400, vendorCode: "ValidationError" });
    expect(error.message).toBe(
      "Mitto rejected the request while sending template mcp_account to not a number: destination must be a phone number in international format.",
    );
  });

  it("explains an unknown message id", async () => {
    const error = await rejection(client().getMessage("01UNKNOWN"));
    expect(error).toMatchObject({ kind: "rejected", status: 404 });
    expect(error.message).toContain("looking up message 01UNKNOWN: Message not found");
  });
});

describe("Mitto faults", () => {
  it("retries a 5xx, then succeeds", async () => {
    sandbox.faults.add({ vendor: "mitto", kind: "error5xx", status: 502, times: 1 });
    expect((await client().testConnection()).ok).toBe(true);
    expect(sandbox.faults.list()).toEqual([]);
  });

  it("retries a 429 after Retry-After, then succeeds", async () => {
    sandbox.faults.add({
      vendor: "mitto",
      kind: "rateLimit",
      retryAfterSeconds: 0,
      times: 1,
      pathPrefix: "/api/v1/trafficAccounts/",
    });
    expect(await apiKeyClient().listTemplates(WHATSAPP_BR)).toHaveLength(1);
    expect(sandbox.faults.list()).toEqual([]);
  });

  it("retries a dropped connection on a read", async () => {
    sandbox.faults.add({ vendor: "mitto", kind: "drop", times: 1, pathPrefix: "/api/v1/trafficAccounts" });
    expect(await apiKeyClient().listSenders()).toHaveLength(2);
    expect(sandbox.faults.list()).toEqual([]);
  });

  it("does not repeat a send after a dropped connection, since Mitto may have sent it", async () => {
    sandbox.faults.add({ vendor: "mitto", kind: "drop", times: 1, pathPrefix: "/api/v1.1/Messages/send" });
    const error = await rejection(
      apiKeyClient().sendTemplate({
        trafficAccountId: WHATSAPP_BR,
        to: "+5511912345678",
        templateName: "mcp_account",
        language: "en",
        parameters: ["Ana"],
      }),
    );
    expect(error.kind).toBe("unavailable");
  });

  it("gives up with a timeout when every answer is too slow", async () => {
    sandbox.faults.add({ vendor: "mitto", kind: "slow", delayMs: 2_000, times: 3 });
    const error = await rejection(apiKeyClient().listSenders());
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe("timeout");
  });

  it("gives up as unavailable when every attempt gets a 5xx", async () => {
    sandbox.faults.add({ vendor: "mitto", kind: "error5xx", times: 3 });
    const error = await rejection(apiKeyClient().getMessage("01ANY"));
    expect(error).toMatchObject({ kind: "unavailable", status: 503 });
    expect(error.message).toBe(
      "Mitto had a server error (HTTP 503) while looking up message 01ANY. Try again later; if it persists, contact Mitto support.",
    );
  });
});
