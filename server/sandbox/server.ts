import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import { FaultStore, faultSchema } from "./faults";

/**
 * One fake vendor: receives requests under /<name>/..., with the path relative to that
 * prefix. Fakes share no code with the adapters in server/vendors, so a mistake in one
 * cannot hide in the other.
 */
export type VendorFake = {
  name: string;
  handle: (req: IncomingMessage, res: ServerResponse, path: string, body: string) => void | Promise<void>;
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function control(faults: FaultStore, req: IncomingMessage, res: ServerResponse, url: URL, body: string) {
  if (url.pathname !== "/_control/faults") return sendJson(res, 404, { error: "unknown control path" });
  if (req.method === "GET") return sendJson(res, 200, { faults: faults.list() });
  if (req.method === "DELETE") {
    faults.clear(url.searchParams.get("vendor") ?? undefined);
    return sendJson(res, 200, { faults: faults.list() });
  }
  if (req.method === "POST") {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return sendJson(res, 400, { error: "body is not JSON" });
    }
    const parsed = faultSchema.safeParse(json);
    if (!parsed.success) return sendJson(res, 400, { error: z.prettifyError(parsed.error) });
    return sendJson(res, 201, { fault: faults.add(parsed.data) });
  }
  return sendJson(res, 405, { error: "method not allowed" });
}

/** Applies request-level faults; returns true when the request was answered or dropped. */
async function injectFault(faults: FaultStore, vendor: string, path: string, req: IncomingMessage, res: ServerResponse) {
  const fault = faults.take(vendor, path);
  if (!fault) return false;
  switch (fault.kind) {
    case "error5xx":
      sendJson(res, fault.status, { error: "Injected server error", fault: fault.id });
      return true;
    case "rateLimit":
      sendJson(res, 429, { error: "Too many requests", fault: fault.id }, { "retry-after": String(fault.retryAfterSeconds) });
      return true;
    case "drop":
      req.socket.destroy();
      return true;
    default:
      await delay(fault.delayMs);
      return false;
  }
}

export type Sandbox = { server: Server; faults: FaultStore; url: string; close: () => Promise<void> };

export async function startSandbox(options: { port: number; host?: string; vendors: VendorFake[] }): Promise<Sandbox> {
  const faults = new FaultStore();
  const vendors = new Map(options.vendors.map((v) => [v.name, v]));
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://sandbox.local");
      const body = await readBody(req);
      if (url.pathname === "/health") return sendJson(res, 200, { ok: true, vendors: [...vendors.keys()] });
      if (url.pathname.startsWith("/_control/")) return control(faults, req, res, url, body);
      const [, name = "", ...rest] = url.pathname.split("/");
      const vendor = vendors.get(name);
      if (!vendor) return sendJson(res, 404, { error: `no fake vendor "${name}"` });
      const path = `/${rest.join("/")}`;
      if (await injectFault(faults, name, path, req, res)) return;
      await vendor.handle(req, res, path + url.search, body);
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    faults,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
