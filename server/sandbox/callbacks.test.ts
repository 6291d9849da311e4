import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ATTENTIVE_SANDBOX_CREDENTIALS,
  ATTENTIVE_SANDBOX_WEBHOOK_SIGNING_KEY,
  attentiveFake,
  attentiveSandboxCredentials,
} from "./attentive";
import type { CallbackAttempt } from "./callbacks";
import {
  MITTO_SANDBOX_CREDENTIALS,
  MITTO_SANDBOX_WHATSAPP_ACCOUNTS,
  mittoFake,
  mittoSandboxCredentials,
} from "./mitto";
import { startSandbox, type Sandbox } from "./server";
import { WAVY_SANDBOX_CREDENTIALS, wavyFake, wavySandboxCredentials } from "./wavy";

// The sandbox calling a webhook receiver over HTTP, as the portal's webhooks will be called.

type Received = { path: string; headers: IncomingHttpHeaders; raw: string; json: unknown };

/** A local webhook receiver recording every POST; answers 500 to the next `failures` requests. */
function startReceiver() {
  const received: Received[] = [];
  let failures = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({ path: req.url ?? "", headers: req.headers, raw, json: JSON.parse(raw) });
      res.statusCode = failures > 0 ? 500 : 200;
      failures = Math.max(0, failures - 1);
      res.end();
    });
  });
  return {
    received,
    failNext: (n: number) => void (failures = n),
    reset: () => void (received.length = 0),
    /** The JSON bodies received on one path, in arrival order. */
    bodies: (path: string) => received.filter((r) => r.path === path).map((r) => r.json),
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const MITTO_ACCOUNT = MITTO_SANDBOX_WHATSAPP_ACCOUNTS[0]!;
const mitto = mittoFake();
const wavy = wavyFake();
const attentive = attentiveFake();
const receiver = startReceiver();
let sandbox: Sandbox;
let receiverUrl: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [mitto, wavy, attentive] });
  receiverUrl = await receiver.listen();
});
afterAll(async () => {
  await sandbox.callbacks.idle();
  await Promise.all([sandbox.close(), receiver.close()]);
});
beforeEach(async () => {
  await sandbox.callbacks.idle();
  await fetch(`${sandbox.url}/_control/callbacks`, { method: "DELETE" });
  await fetch(`${sandbox.url}/_control/faults`, { method: "DELETE" });
  receiver.reset();
});

const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const register = (vendor: string, kind: string, url = `${receiverUrl}/${vendor}/${kind}`) =>
  fetch(`${sandbox.url}/_control/callbacks`, json("PUT", { vendor, kind, url }));
const addFault = (fault: Record<string, unknown>) => fetch(`${sandbox.url}/_control/faults`, json("POST", fault));
const deliveries = async () =>
  ((await (await fetch(`${sandbox.url}/_control/callbacks`)).json()) as { deliveries: CallbackAttempt[] }).deliveries;

/**
 * Sends appointment_reminder through the Mitto fake, by default with the demo account's API key
 * to +4917612345678; returns the message id.
 */
async function sendMitto({
  language = { code: "en_US" },
  auth = { "x-mitto-api-key": MITTO_SANDBOX_CREDENTIALS.apiKey },
  destination = "+4917612345678",
}: { language?: unknown; auth?: Record<string, string>; destination?: string } = {}): Promise<string> {
  const res = await fetch(
    `${sandbox.url}/mitto/api/v1.1/Messages/send`,
    json(
      "POST",
      {
        trafficAccountId: MITTO_ACCOUNT.id,
        destination,
        whatsapp: {
          type: "template",
          template: {
            name: "appointment_reminder",
            language,
            components: [
              { type: "body", parameters: ["Ana", "May 2", "10:00"].map((text) => ({ type: "text", text })) },
            ],
          },
        },
      },
      auth,
    ),
  );
  expect(res.status).toBe(200);
  const { messages } = (await res.json()) as { messages: { messageId: string }[] };
  return messages[0]!.messageId;
}

const mittoStatuses = () => receiver.bodies("/mitto/dlr").map((b) => (b as { status: string }).status);

describe("sandbox callbacks", () => {
  it("sends Mitto DLRs Sent, Delivered, Read in order after a template send", async () => {
    await register("mitto", "dlr");
    const messageId = await sendMitto();
    await sandbox.callbacks.idle();
    expect(receiver.bodies("/mitto/dlr")).toEqual(
      ["Sent", "Delivered", "Read"].map((status) => ({ messageId, status, errorcode: "0" })),
    );
    expect(receiver.received[0]?.headers["content-type"]).toBe("application/json");
  });

  it("sends one Mitto Failure DLR with an error code and the description for a failed message", async () => {
    await register("mitto", "dlr");
    const messageId = await sendMitto({ language: "en_US" });
    await sandbox.callbacks.idle();
    expect(receiver.bodies("/mitto/dlr")).toEqual([
      { messageId, status: "Failure", errorcode: "132001", description: "Can't get template language code" },
    ]);
  });

  it("sends a Mitto inbound message to the inbound callback", async () => {
    await register("mitto", "inbound");
    mitto.receiveInbound("+49 176 12345678", "STOP");
    await sandbox.callbacks.idle();
    expect(receiver.bodies("/mitto/inbound")).toEqual([
      expect.objectContaining({
        channel: "WhatsApp",
        from: "+4917612345678",
        to: MITTO_ACCOUNT.phoneNumber,
        text: "STOP",
      }),
    ]);
  });

  it("sends Wavy's three batched status callbacks after an HSM send", async () => {
    await register("wavy", "status");
    const res = await fetch(
      `${sandbox.url}/wavy/v1/whatsapp/send`,
      json(
        "POST",
        {
          destinations: [{ destination: "+5511999990001", correlationId: "call-8812" }],
          message: {
            hsm: {
              namespace: "demo_wavy_ns",
              elementName: "appointment_reminder",
              languageCode: "en_US",
              parameters: ["Ana", "Friday", "3pm"],
            },
          },
        },
        { username: WAVY_SANDBOX_CREDENTIALS.username, authenticationtoken: WAVY_SANDBOX_CREDENTIALS.password },
      ),
    );
    expect(res.status).toBe(200);
    const { destinations } = (await res.json()) as { destinations: { id: string }[] };
    await sandbox.callbacks.idle();
    const message = {
      id: destinations[0]?.id,
      correlationId: "call-8812",
      destination: "5511999990001",
      origin: "5511988887777",
      sent: true,
      sentStatusCode: 2,
      sentStatus: "SENT_SUCCESS",
    };
    expect(receiver.bodies("/wavy/status")).toEqual([
      { total: 1, data: [expect.objectContaining({ ...message, sentDate: expect.any(String) as string })] },
      {
        total: 1,
        data: [
          expect.objectContaining({
            ...message,
            delivered: true,
            deliveredStatusCode: 4,
            deliveredStatus: "DELIVERED_SUCCESS",
          }),
        ],
      },
      {
        total: 1,
        data: [
          expect.objectContaining({
            ...message,
            deliveredStatusCode: 5,
            deliveredStatus: "READ_SUCCESS",
            read: true,
            readAt: expect.any(Number) as number,
          }),
        ],
      },
    ]);
  });

  it("sends a Wavy inbound MO to the message callback", async () => {
    await register("wavy", "message");
    const { id } = wavy.receiveInbound("+55 11 99999-0002", "Can I move it to 3pm?");
    await sandbox.callbacks.idle();
    expect(receiver.bodies("/wavy/message")).toEqual([
      {
        total: 1,
        data: [
          expect.objectContaining({
            id,
            source: "5511999990002",
            origin: "5511988887777",
            message: { type: "TEXT", messageText: "Can I move it to 3pm?" },
          }),
        ],
      },
    ]);
  });

  it("delivers a callback twice under duplicateCallback, leaving requests alone", async () => {
    await register("mitto", "dlr");
    expect((await addFault({ vendor: "mitto", kind: "duplicateCallback" })).status).toBe(201);
    await sendMitto();
    await sandbox.callbacks.idle();
    expect(mittoStatuses()).toEqual(["Sent", "Sent", "Delivered", "Read"]);
  });

  it("delivers held callbacks in reverse order under reorderCallbacks", async () => {
    await register("mitto", "dlr");
    await addFault({ vendor: "mitto", kind: "reorderCallbacks", times: 3 });
    await sendMitto();
    await sandbox.callbacks.idle();
    expect(mittoStatuses()).toEqual(["Read", "Delivered", "Sent"]);
  });

  it("sends a callback late under delayCallback, after the ones emitted behind it", async () => {
    await register("mitto", "dlr");
    await addFault({ vendor: "mitto", kind: "delayCallback", delayMs: 100 });
    await sendMitto();
    await vi.waitFor(() => expect(mittoStatuses()).toEqual(["Delivered", "Read", "Sent"]), {
      timeout: 5_000,
      interval: 20,
    });
  });

  it("retries a callback the receiver failed", async () => {
    await register("mitto", "dlr");
    receiver.failNext(1);
    await sendMitto();
    await sandbox.callbacks.idle();
    expect(mittoStatuses()).toEqual(["Sent", "Sent", "Delivered", "Read"]);
    expect((await deliveries()).map((d) => [d.attempt, d.status, d.outcome])).toEqual([
      [1, 500, "failed"],
      [2, 200, "delivered"],
      [1, 200, "delivered"],
      [1, 200, "delivered"],
    ]);
  });

  it("records a callback with no registered URL as undeliverable", async () => {
    await sendMitto();
    await sandbox.callbacks.idle();
    expect(receiver.received).toEqual([]);
    const undeliverable = (status: string): unknown =>
      expect.objectContaining({
        vendor: "mitto",
        kind: "dlr",
        url: null,
        status: null,
        outcome: "undeliverable",
        body: expect.objectContaining({ status }) as unknown,
      });
    expect(await deliveries()).toEqual(["Sent", "Delivered", "Read"].map(undeliverable));
  });

  it("signs Attentive events with the webhook signing key", async () => {
    await register("attentive", "events");
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const user = { phone: "+13115552368" };
    await fetch(
      `${sandbox.url}/attentive/v1/subscriptions`,
      json(
        "POST",
        { user, signUpSourceId: ATTENTIVE_SANDBOX_CREDENTIALS.signUpSourceId },
        auth(ATTENTIVE_SANDBOX_CREDENTIALS.apiKey),
      ),
    );
    await fetch(
      `${sandbox.url}/attentive/1/messages`,
      json(
        "POST",
        { to: user.phone, body: "Your order shipped", type: "TRANSACTIONAL" },
        auth(ATTENTIVE_SANDBOX_CREDENTIALS.legacyToken),
      ),
    );
    await fetch(
      `${sandbox.url}/attentive/v1/subscriptions/unsubscribe`,
      json("POST", { user }, auth(ATTENTIVE_SANDBOX_CREDENTIALS.apiKey)),
    );
    await sandbox.callbacks.idle();
    expect(receiver.bodies("/attentive/events")).toEqual([
      expect.objectContaining({ type: "sms.subscribed", subscriber: user, subscription: { type: "MARKETING" } }),
      expect.objectContaining({ type: "sms.sent", subscriber: user }),
      expect.objectContaining({ type: "sms.unsubscribed", subscriber: user, subscription: { type: "MARKETING" } }),
    ]);
    for (const { raw, headers } of receiver.received) {
      expect(headers["x-attentive-hmac-sha256"]).toBe(
        createHmac("sha256", ATTENTIVE_SANDBOX_WEBHOOK_SIGNING_KEY).update(raw).digest("hex"),
      );
    }
  });

  it("refuses a registration for an unknown callback kind or a bad URL, with the reason", async () => {
    const unknownKind = await register("mitto", "status");
    expect(unknownKind.status).toBe(400);
    expect(((await unknownKind.json()) as { error: string }).error).toMatch(/dlr, inbound/);
    const badUrl = await register("wavy", "status", "not a url");
    expect(badUrl.status).toBe(400);
    expect(((await badUrl.json()) as { error: string }).error).toMatch(/url/);
  });
});

describe("sandbox accounts", () => {
  // A second account of each vendor, as a second test-mode integration gets one.
  const mittoSecond = mittoSandboxCredentials("second");
  const wavySecond = wavySandboxCredentials("second");
  const attentiveSecond = attentiveSandboxCredentials("second");
  /** Registers `account`'s callbacks of a kind at /second/<vendor>/<kind>. */
  const registerSecond = (vendor: string, account: string, kind: string) =>
    fetch(
      `${sandbox.url}/_control/callbacks`,
      json("PUT", { vendor, account, kind, url: `${receiverUrl}/second/${vendor}/${kind}` }),
    );
  const inbound = (body: object) => fetch(`${sandbox.url}/_control/inbound`, json("POST", body));
  const ids = (path: string) => receiver.bodies(path).map((b) => (b as { messageId: string }).messageId);

  async function mittoLogin(email: string): Promise<Record<string, string>> {
    const res = await fetch(
      `${sandbox.url}/mitto/v1/Customers/login`,
      json("POST", { email, password: MITTO_SANDBOX_CREDENTIALS.password }),
    );
    expect(res.status).toBe(200);
    return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
  }

  /** Sends an HSM through the Wavy fake as `username`; returns the message id. */
  async function sendWavy(username: string, destination: string): Promise<string> {
    const res = await fetch(
      `${sandbox.url}/wavy/v1/whatsapp/send`,
      json(
        "POST",
        {
          destinations: [{ destination }],
          message: {
            hsm: {
              namespace: "demo_wavy_ns",
              elementName: "chatclub_open_session_v2",
              languageCode: "pt_BR",
              parameters: ["Ana", "ok"],
            },
          },
        },
        { username, authenticationtoken: WAVY_SANDBOX_CREDENTIALS.password },
      ),
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { destinations: { id: string }[] }).destinations[0]!.id;
  }
  const wavyIds = (path: string) => receiver.bodies(path).map((b) => (b as { data: { id: string }[] }).data[0]!.id);

  it("sends each Mitto account's delivery reports to its own URL; a registration without an account is the demo account's", async () => {
    await register("mitto", "dlr");
    await registerSecond("mitto", mittoSecond.username, "dlr");
    const demo = await sendMitto();
    const byLogin = await sendMitto({ auth: await mittoLogin(mittoSecond.username) });
    const byKey = await sendMitto({ auth: { "x-mitto-api-key": mittoSecond.apiKey } });
    await sandbox.callbacks.idle();
    expect(ids("/mitto/dlr")).toEqual([demo, demo, demo]);
    expect(ids("/second/mitto/dlr")).toEqual([byLogin, byLogin, byLogin, byKey, byKey, byKey]);
    const { registrations } = (await (await fetch(`${sandbox.url}/_control/callbacks`)).json()) as {
      registrations: unknown[];
    };
    expect(registrations).toEqual([
      { vendor: "mitto", account: "demo@switchboard.test", kind: "dlr", url: `${receiverUrl}/mitto/dlr` },
      { vendor: "mitto", account: "demo+second@switchboard.test", kind: "dlr", url: `${receiverUrl}/second/mitto/dlr` },
    ]);
  });

  it("leaves an account's reports undelivered when only another account has a URL", async () => {
    await register("mitto", "dlr");
    await sendMitto({ auth: { "x-mitto-api-key": mittoSecond.apiKey } });
    await sandbox.callbacks.idle();
    expect(receiver.received).toEqual([]);
    expect((await deliveries()).map((d) => [d.account, d.outcome])).toEqual(
      Array(3).fill(["demo+second@switchboard.test", "undeliverable"]),
    );
  });

  it("sends a Mitto inbound to the account it names, else the one that last wrote to the customer, else the demo account", async () => {
    await register("mitto", "inbound");
    await registerSecond("mitto", mittoSecond.username, "inbound");
    await sendMitto({ auth: { "x-mitto-api-key": mittoSecond.apiKey }, destination: "+4917600000001" });
    const texts = (path: string) => receiver.bodies(path).map((b) => (b as { text: string }).text);
    for (const [from, text] of [
      ["+4917600000001", "to second, who wrote to me"],
      ["+4917600000002", "to demo, nobody wrote to me"],
    ]) {
      expect((await inbound({ vendor: "mitto", from, text })).status).toBe(201);
      await sandbox.callbacks.idle();
    }
    const named = await inbound({ vendor: "mitto", account: mittoSecond.apiKey, from: "4917600000002", text: "named" });
    expect(named.status).toBe(201);
    await sandbox.callbacks.idle();
    expect(texts("/mitto/inbound")).toEqual(["to demo, nobody wrote to me"]);
    expect(texts("/second/mitto/inbound")).toEqual(["to second, who wrote to me", "named"]);
  });

  it("sends each Wavy account's statuses and answers to its own URLs", async () => {
    await register("wavy", "status");
    await register("wavy", "message");
    await registerSecond("wavy", wavySecond.username, "status");
    await registerSecond("wavy", wavySecond.username, "message");
    const demo = await sendWavy(WAVY_SANDBOX_CREDENTIALS.username, "5511999990011");
    const second = await sendWavy(wavySecond.username, "5511999990012");
    await sandbox.callbacks.idle();
    expect(wavyIds("/wavy/status")).toEqual([demo, demo, demo]);
    expect(wavyIds("/second/wavy/status")).toEqual([second, second, second]);
    for (const from of ["5511999990011", "5511999990012"])
      expect((await inbound({ vendor: "wavy", from, text: "oi" })).status).toBe(201);
    await sandbox.callbacks.idle();
    const sources = (path: string) =>
      receiver.bodies(path).map((b) => (b as { data: { source: string }[] }).data[0]!.source);
    expect(sources("/wavy/message")).toEqual(["5511999990011"]);
    expect(sources("/second/wavy/message")).toEqual(["5511999990012"]);
  });

  it("sends each Attentive account's events, signed, to the URL registered with its API key", async () => {
    await register("attentive", "events");
    await registerSecond("attentive", attentiveSecond.apiKey, "events");
    const text = (token: string, to: string) =>
      fetch(
        `${sandbox.url}/attentive/1/messages`,
        json("POST", { to, body: "Your order shipped", type: "TRANSACTIONAL" }, { authorization: `Bearer ${token}` }),
      );
    expect((await text(ATTENTIVE_SANDBOX_CREDENTIALS.legacyToken, "+13115550001")).status).toBe(202);
    expect((await text(attentiveSecond.legacyToken, "+13115550002")).status).toBe(202);
    await sandbox.callbacks.idle();
    const phones = (path: string) =>
      receiver.bodies(path).map((b) => (b as { subscriber: { phone: string } }).subscriber.phone);
    expect(phones("/attentive/events")).toEqual(["+13115550001"]);
    expect(phones("/second/attentive/events")).toEqual(["+13115550002"]);
    for (const { raw, headers } of receiver.received)
      expect(headers["x-attentive-hmac-sha256"]).toBe(
        createHmac("sha256", ATTENTIVE_SANDBOX_WEBHOOK_SIGNING_KEY).update(raw).digest("hex"),
      );
  });

  it("refuses credentials and accounts of another form, saying which forms it takes", async () => {
    const refused = await registerSecond("mitto", "someone@example.com", "dlr");
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/demo\+<name>@switchboard\.test/);
    expect((await inbound({ vendor: "wavy", account: "demo_x", from: "5511999990011", text: "oi" })).status).toBe(400);
    const login = await fetch(
      `${sandbox.url}/mitto/v1/Customers/login`,
      json("POST", { email: "demo+x@example.com", password: MITTO_SANDBOX_CREDENTIALS.password }),
    );
    expect(login.status).toBe(401);
    const wavy = await fetch(
      `${sandbox.url}/wavy/v1/whatsapp/send`,
      json("POST", {}, { username: "demox", authenticationtoken: WAVY_SANDBOX_CREDENTIALS.password }),
    );
    expect(wavy.status).toBe(401);
  });
});

/** The demo Mitto account's delivery reports, for the dispatcher on its own. */
const DLR = { vendor: "mitto", account: "demo", kind: "dlr" };

describe("callback lanes", () => {
  it("deliver different messages' callbacks in parallel and one message's in order", async () => {
    const { CallbackDispatcher } = await import("./callbacks");
    const { FaultStore } = await import("./faults");
    // The receiver holds message a's first report until a report of message b arrives: only
    // parallel lanes get past it (one lane would wait for the 2 s timeout and retry).
    const seen: string[] = [];
    let releaseA: (() => void) | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const { id, n } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id: string; n: number };
        seen.push(`${id}${n}`);
        if (id === "a" && n === 1 && !seen.some((s) => s.startsWith("b"))) releaseA = () => res.end();
        else {
          if (id === "b") releaseA?.();
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const dispatcher = new CallbackDispatcher({ faults: new FaultStore(), lanes: 2, attempts: 1, timeoutMs: 2_000 });
    dispatcher.register(DLR, `http://127.0.0.1:${(server.address() as AddressInfo).port}/dlr`);
    // "a" and "b" hash to different lanes of two.
    for (const [id, n] of [
      ["a", 1],
      ["a", 2],
      ["b", 1],
      ["a", 3],
    ] as const)
      dispatcher.emit(DLR, { id, n }, { orderKey: id });
    await dispatcher.idle();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(dispatcher.log().every((d) => d.outcome === "delivered")).toBe(true);
    expect(seen.filter((s) => s.startsWith("a"))).toEqual(["a1", "a2", "a3"]);
    expect(seen.indexOf("b1")).toBeLessThan(seen.indexOf("a2"));
  });
});

describe("a receiver that does not answer", () => {
  it("times the attempt out, logs it, retries, and keeps the lane going", async () => {
    const { CallbackDispatcher } = await import("./callbacks");
    const { FaultStore } = await import("./faults");
    // The first request gets its headers and half a body, then nothing: the lane must not
    // wait on it for ever (a stuck attempt once stopped a lane for good, with nothing logged).
    const held: ServerResponse[] = [];
    const seen: number[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push((JSON.parse(Buffer.concat(chunks).toString("utf8")) as { n: number }).n);
        if (seen.length > 1) return res.end("ok");
        res.writeHead(200, { "content-length": "100" });
        res.write("0123456789");
        held.push(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const dispatcher = new CallbackDispatcher({ faults: new FaultStore(), attempts: 2, backoffMs: 10, timeoutMs: 300 });
    dispatcher.register(DLR, `http://127.0.0.1:${(server.address() as AddressInfo).port}/dlr`);
    for (const n of [1, 2, 3]) dispatcher.emit(DLR, { n }, { orderKey: "same message" });
    await dispatcher.idle();
    held.forEach((res) => res.destroy());
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(seen).toEqual([1, 1, 2, 3]);
    expect(
      dispatcher.log().map((d) => [d.attempt, d.outcome, d.error?.includes("no answer within 300 ms") ?? false]),
    ).toEqual([
      [1, "failed", true],
      [2, "delivered", false],
      [1, "delivered", false],
      [1, "delivered", false],
    ]);
    expect(dispatcher.stats()).toEqual({ emitted: 3, delivered: 3, gaveUp: 0, undeliverable: 0, pending: 0 });
  });

  it("counts a callback given up after every attempt failed", async () => {
    const { CallbackDispatcher } = await import("./callbacks");
    const { FaultStore } = await import("./faults");
    const dispatcher = new CallbackDispatcher({ faults: new FaultStore(), attempts: 2, backoffMs: 10, timeoutMs: 300 });
    // Nothing listens on port 9 of loopback: every attempt is refused.
    dispatcher.register(DLR, "http://127.0.0.1:9/dlr");
    dispatcher.emit(DLR, { n: 1 });
    dispatcher.emit({ ...DLR, kind: "inbound" }, { n: 2 });
    await dispatcher.idle();
    expect(dispatcher.stats()).toEqual({ emitted: 2, delivered: 0, gaveUp: 1, undeliverable: 1, pending: 0 });
  });
});
