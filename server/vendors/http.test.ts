import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { sendJson, startSandbox, type Sandbox } from "../sandbox/server";
import { backoffMs, parseRetryAfter, vendorFetch } from "./http";

describe("Retry-After", () => {
  const now = Date.parse("2026-11-23T10:00:00Z");
  it("reads delay-seconds", () => expect(parseRetryAfter("7", now)).toBe(7000));
  it("reads an HTTP date", () => expect(parseRetryAfter("Mon, 23 Nov 2026 10:00:30 GMT", now)).toBe(30_000));
  it("never asks to wait a negative time", () => expect(parseRetryAfter("Mon, 23 Nov 2026 09:00:00 GMT", now)).toBe(0));
  it("ignores what it cannot read", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
  });
});

describe("backoff", () => {
  it("stays within the exponential ceiling and the cap", () => {
    const policy = { attempts: 6, baseDelayMs: 100, maxDelayMs: 1000 };
    for (let attempt = 0; attempt < 6; attempt++) {
      for (let i = 0; i < 50; i++) {
        const wait = backoffMs(attempt, policy);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThanOrEqual(Math.min(1000, 100 * 2 ** attempt));
      }
    }
  });
});

describe("vendorFetch for calls that must not happen twice", () => {
  const received: string[] = [];
  const counter = {
    name: "counter",
    handle: (_req: IncomingMessage, res: ServerResponse, path: string) => (
      received.push(path),
      sendJson(res, 200, { ok: true })
    ),
  };
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, vendors: [counter] });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    received.length = 0;
    sandbox.faults.clear();
  });
  const send = (idempotent: boolean) =>
    vendorFetch({
      vendor: "mitto",
      url: `${sandbox.url}/counter/send`,
      method: "POST",
      body: { to: "+4917612345678" },
      schema: z.object({ ok: z.boolean() }),
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 10 },
      idempotent,
      describeError: () => ({ code: null, message: "failed" }),
    });

  it("does not retry after a 5xx, since the vendor may have sent it", async () => {
    sandbox.faults.add({ vendor: "counter", kind: "error5xx", times: 1 });
    await expect(send(false)).rejects.toMatchObject({ kind: "unavailable", status: 503 });
    expect(sandbox.faults.list()).toEqual([]);
    expect(received).toEqual([]);
  });

  it("does not retry after a dropped connection", async () => {
    sandbox.faults.add({ vendor: "counter", kind: "drop", times: 1 });
    await expect(send(false)).rejects.toMatchObject({ kind: "unavailable" });
    expect(received).toEqual([]);
  });

  it("retries a 429, which proves nothing was done", async () => {
    sandbox.faults.add({ vendor: "counter", kind: "rateLimit", times: 1, retryAfterSeconds: 0 });
    await expect(send(false)).resolves.toEqual({ ok: true });
    expect(received).toEqual(["/send"]);
  });

  it("leaves a Retry-After longer than its longest wait to the caller, without calling again", async () => {
    sandbox.faults.add({ vendor: "counter", kind: "rateLimit", times: 1, retryAfterSeconds: 30 });
    await expect(send(false)).rejects.toMatchObject({ kind: "rate_limited", retryAfterMs: 30_000 });
    expect(received).toEqual([]);
    expect(sandbox.faults.earlyRetries).toBe(0);
  });

  it("retries a 5xx when the call is safe to repeat", async () => {
    sandbox.faults.add({ vendor: "counter", kind: "error5xx", times: 1 });
    await expect(send(true)).resolves.toEqual({ ok: true });
  });
});

describe("vendorFetch against an answer that stops half way", () => {
  it("ends in a timeout once the time is up, even mid-body", async () => {
    const held: ServerResponse[] = [];
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"ok":');
      held.push(res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const call = vendorFetch({
      vendor: "mitto",
      url: `http://127.0.0.1:${port}/send`,
      method: "POST",
      body: {},
      schema: z.object({ ok: z.boolean() }),
      timeoutMs: 200,
      idempotent: false,
      describeError: () => ({ code: null, message: "failed" }),
    });
    await expect(call).rejects.toMatchObject({ kind: "timeout", message: "mitto did not answer within 0.2s" });
    held.forEach((res) => res.destroy());
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
