import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendJson, startSandbox, type Sandbox } from "./server";

// A trivial fake vendor, to exercise the sandbox's own routing and fault injection.
const echo = {
  name: "echo",
  handle: (req: IncomingMessage, res: ServerResponse, path: string, body: string) =>
    sendJson(res, 200, { method: req.method, path, body }),
};

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [echo] });
});
afterAll(() => sandbox.close());
beforeEach(() => fetch(`${sandbox.url}/_control/faults`, { method: "DELETE" }));

const addFault = (fault: Record<string, unknown>) =>
  fetch(`${sandbox.url}/_control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });

describe("vendor sandbox", () => {
  it("reports health and routes requests to the named fake vendor", async () => {
    expect(await (await fetch(`${sandbox.url}/health`)).json()).toEqual({ ok: true, vendors: ["echo"] });
    const res = await fetch(`${sandbox.url}/echo/v1/things?x=1`, { method: "POST", body: "hi" });
    expect(await res.json()).toEqual({ method: "POST", path: "/v1/things?x=1", body: "hi" });
    expect((await fetch(`${sandbox.url}/nobody/x`)).status).toBe(404);
  });

  it("injects a 5xx for exactly the requested number of calls, on the matching path only", async () => {
    expect(
      (await addFault({ vendor: "echo", kind: "error5xx", status: 502, times: 2, pathPrefix: "/v1/send" })).status,
    ).toBe(201);
    expect((await fetch(`${sandbox.url}/echo/v1/other`)).status).toBe(200);
    expect((await fetch(`${sandbox.url}/echo/v1/send`)).status).toBe(502);
    expect((await fetch(`${sandbox.url}/echo/v1/send`)).status).toBe(502);
    expect((await fetch(`${sandbox.url}/echo/v1/send`)).status).toBe(200);
  });

  it("injects a 4xx refusal, and refuses a status that does not fit the kind", async () => {
    expect((await addFault({ vendor: "echo", kind: "error4xx", status: 403 })).status).toBe(201);
    expect((await fetch(`${sandbox.url}/echo/x`)).status).toBe(403);
    expect((await fetch(`${sandbox.url}/echo/x`)).status).toBe(200);
    expect((await addFault({ vendor: "echo", kind: "error4xx", status: 503 })).status).toBe(400);
    expect((await addFault({ vendor: "echo", kind: "error5xx", status: 404 })).status).toBe(400);
  });

  it("answers 429 with Retry-After", async () => {
    await addFault({ vendor: "echo", kind: "rateLimit", retryAfterSeconds: 7 });
    const res = await fetch(`${sandbox.url}/echo/x`);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
  });

  it("applies a fault with a probability to about that share of requests, spread through them", async () => {
    await addFault({ vendor: "echo", kind: "error5xx", times: 1_000, probability: 0.5 });
    const statuses = await Promise.all(
      Array.from({ length: 200 }, () => fetch(`${sandbox.url}/echo/x`).then((r) => r.status)),
    );
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(60);
    expect(failed).toBeLessThan(140);
    expect(statuses.slice(0, 100).filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(statuses.slice(100).filter((s) => s === 503).length).toBeGreaterThan(0);
  });

  it("counts a request made again before its Retry-After has passed, and only that one", async () => {
    await addFault({ vendor: "echo", kind: "rateLimit", retryAfterSeconds: 60, times: 2 });
    const send = (body: string) => fetch(`${sandbox.url}/echo/send`, { method: "POST", body });
    const before = sandbox.faults.earlyRetries;
    expect((await send("a")).status).toBe(429);
    expect((await send("b")).status).toBe(429);
    expect((await send("c")).status).toBe(200);
    expect(sandbox.faults.earlyRetries).toBe(before);
    expect((await send("a")).status).toBe(200);
    const { earlyRetries } = (await (await fetch(`${sandbox.url}/_control/faults`)).json()) as { earlyRetries: number };
    expect(earlyRetries).toBe(before + 1);
  });

  it("drops the connection", async () => {
    await addFault({ vendor: "echo", kind: "drop" });
    await expect(fetch(`${sandbox.url}/echo/x`)).rejects.toThrow();
    expect((await fetch(`${sandbox.url}/echo/x`)).status).toBe(200);
  });

  it("delays a response, so client timeouts can be tested", async () => {
    await addFault({ vendor: "echo", kind: "slow", delayMs: 2_000 });
    await expect(fetch(`${sandbox.url}/echo/x`, { signal: AbortSignal.timeout(200) })).rejects.toThrow(
      /timeout|aborted/i,
    );
  });

  it("lists live faults and refuses a malformed one with the reason", async () => {
    await addFault({ vendor: "echo", kind: "error5xx", times: 3 });
    const { faults } = (await (await fetch(`${sandbox.url}/_control/faults`)).json()) as {
      faults: { kind: string; times: number }[];
    };
    expect(faults).toMatchObject([{ kind: "error5xx", times: 3 }]);
    const bad = await addFault({ vendor: "echo", kind: "meteor" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/kind/);
  });
});
