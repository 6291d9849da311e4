import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import type { SandboxAccounts } from "./accounts";
import { CallbackDispatcher } from "./callbacks";
import { FaultStore, faultSchema, REQUEST_FAULT_KINDS, requestKey } from "./faults";

/**
 * One fake vendor: receives requests under /<name>/..., with the path relative to that
 * prefix. Fakes share no code with the adapters in server/vendors, so a mistake in one
 * cannot hide in the other.
 */
export type VendorFake = {
  name: string;
  handle: (req: IncomingMessage, res: ServerResponse, path: string, body: string) => void | Promise<void>;
  /**
   * The callbacks the fake sends: their kinds (e.g. "dlr"), the only ones the control API
   * registers URLs for, and the vendor accounts URLs are registered per.
   */
  callbacks?: { kinds: readonly string[]; accounts: SandboxAccounts };
  /**
   * Called once by startSandbox with the dispatcher the fake sends its callbacks through, and
   * the sandbox's own base URL (known once it listens), for fakes that hand out their URLs.
   */
  connect?: (callbacks: CallbackDispatcher, sandbox: { url: () => string }) => void;
  /** Serves the fake's own control API under /_control/<name>/..., with the path relative to that prefix. */
  control?: (req: IncomingMessage, res: ServerResponse, path: string, body: string) => void | Promise<void>;
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The body parsed with the schema, or null after answering 400 with the reason. */
export function parseBody<T>(res: ServerResponse, schema: z.ZodType<T>, body: string): T | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    sendJson(res, 400, { error: "body is not JSON" });
    return null;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  sendJson(res, 400, { error: z.prettifyError(parsed.error) });
  return null;
}

/**
 * The vendor account a control request names by any credential of it (accounts.ts), as the
 * fake names it; none means the demo account, so callers from before accounts keep working.
 */
function resolveAccount(vendor: string, accounts: SandboxAccounts, named: string | undefined, ctx: z.RefinementCtx) {
  if (named === undefined) return accounts.demo;
  const account = accounts.find(named);
  if (account !== null) return account;
  ctx.addIssue({
    code: "custom",
    path: ["account"],
    // The credential is not repeated: it may be a key, and refusals end up in logs.
    message: `${vendor} has no sandbox account of that name (it accepts ${accounts.forms})`,
  });
  return z.NEVER;
}

const registrationSchema = z.object({
  vendor: z.string().min(1),
  account: z.string().min(1).optional(),
  kind: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
});

type ControlContext = { faults: FaultStore; callbacks: CallbackDispatcher; vendors: Map<string, VendorFake> };

function controlFaults({ faults }: ControlContext, req: IncomingMessage, res: ServerResponse, url: URL, body: string) {
  if (req.method === "GET") return sendJson(res, 200, { faults: faults.list(), earlyRetries: faults.earlyRetries });
  if (req.method === "DELETE") {
    faults.clear(url.searchParams.get("vendor") ?? undefined);
    return sendJson(res, 200, { faults: faults.list() });
  }
  if (req.method === "POST") {
    const fault = parseBody(res, faultSchema, body);
    if (fault) sendJson(res, 201, { fault: faults.add(fault) });
    return;
  }
  return sendJson(res, 405, { error: "method not allowed" });
}

function controlCallbacks(
  { callbacks, vendors }: ControlContext,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
) {
  const state = () => ({
    registrations: callbacks.registrations(),
    deliveries: callbacks.log(),
    held: callbacks.heldBack(),
    stats: callbacks.stats(),
  });
  if (req.method === "GET") return sendJson(res, 200, state());
  if (req.method === "DELETE") {
    callbacks.clear();
    return sendJson(res, 200, state());
  }
  if (req.method === "PUT") {
    // A typo in vendor, account or kind would otherwise register a URL nothing ever calls.
    const schema = registrationSchema.transform((r, ctx) => {
      const sent = vendors.get(r.vendor)?.callbacks;
      if (!sent?.kinds.includes(r.kind)) {
        ctx.addIssue({
          code: "custom",
          path: ["kind"],
          message: `${r.vendor} sends no "${r.kind}" callbacks (it sends: ${sent?.kinds.join(", ") || "none"})`,
        });
        return z.NEVER;
      }
      return { ...r, account: resolveAccount(r.vendor, sent.accounts, r.account, ctx) };
    });
    const registration = parseBody(res, schema, body);
    if (!registration) return;
    callbacks.register(registration, registration.url);
    return sendJson(res, 200, { registrations: callbacks.registrations() });
  }
  return sendJson(res, 405, { error: "method not allowed" });
}

const inboundSchema = z.object({
  vendor: z.string().min(1),
  account: z.string().min(1).optional(),
  from: z.string().regex(/^\+?\d{6,15}$/, "from is a phone number"),
  text: z.string(),
});

/**
 * A fake whose numbers customers can text; the message goes to the inbound callback of
 * `account`, or when none is named, of the account that last messaged `from`, else of the demo
 * account: the sandbox's accounts share their numbers, so which account a customer answers is
 * the one that wrote to them.
 */
type InboundFake = VendorFake &
  Required<Pick<VendorFake, "callbacks">> & {
    receiveInbound: (from: string, text: string, options?: { account?: string }) => object;
  };
const takesInbound = (fake: VendorFake | undefined): fake is InboundFake =>
  fake?.callbacks !== undefined && typeof (fake as Partial<InboundFake>).receiveInbound === "function";

/** POST {vendor, account?, from, text}: the demo's and the tests' way of making a customer write in. */
function controlInbound({ vendors }: ControlContext, req: IncomingMessage, res: ServerResponse, body: string) {
  if (req.method !== "POST") return sendJson(res, 405, { error: "method not allowed" });
  const schema = inboundSchema.transform(({ vendor, account, from, text }, ctx) => {
    const fake = vendors.get(vendor);
    if (!takesInbound(fake)) {
      ctx.addIssue({ code: "custom", path: ["vendor"], message: `${vendor} has no inbound messages in the sandbox` });
      return z.NEVER;
    }
    const named = account === undefined ? undefined : resolveAccount(vendor, fake.callbacks.accounts, account, ctx);
    return { fake, from, text, account: named };
  });
  const inbound = parseBody(res, schema, body);
  if (!inbound) return;
  const { fake, from, text, account } = inbound;
  sendJson(res, 201, { message: fake.receiveInbound(from, text, { account }) });
}

/** A fake that can say how many messages it accepted, and for how many distinct recipients. */
type CountingFake = VendorFake & { sentSummary: () => { total: number; recipients: number } };
const counts = (fake: VendorFake | undefined): fake is CountingFake =>
  typeof (fake as Partial<CountingFake> | undefined)?.sentSummary === "function";

/** GET ?vendor=mitto: what the fake accepted, so a benchmark can count duplicates and losses. */
function controlSent({ vendors }: ControlContext, req: IncomingMessage, res: ServerResponse, url: URL) {
  if (req.method !== "GET") return sendJson(res, 405, { error: "method not allowed" });
  const fake = vendors.get(url.searchParams.get("vendor") ?? "");
  if (!counts(fake)) return sendJson(res, 404, { error: "that vendor keeps no count of sent messages" });
  return sendJson(res, 200, fake.sentSummary());
}

function control(context: ControlContext, req: IncomingMessage, res: ServerResponse, url: URL, body: string) {
  if (url.pathname === "/_control/faults") return controlFaults(context, req, res, url, body);
  if (url.pathname === "/_control/callbacks") return controlCallbacks(context, req, res, body);
  if (url.pathname === "/_control/inbound") return controlInbound(context, req, res, body);
  if (url.pathname === "/_control/sent") return controlSent(context, req, res, url);
  const [, , name = "", ...rest] = url.pathname.split("/");
  const fake = context.vendors.get(name);
  if (fake?.control) return fake.control(req, res, `/${rest.join("/")}`, body);
  return sendJson(res, 404, { error: "unknown control path" });
}

/** Applies request-level faults; returns true when the request was answered or dropped. */
async function injectFault(
  faults: FaultStore,
  vendor: string,
  path: string,
  body: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const key = requestKey(vendor, req.url ?? path, body);
  faults.arrived(key);
  const fault = faults.take(vendor, path, REQUEST_FAULT_KINDS);
  if (!fault) return false;
  switch (fault.kind) {
    case "error5xx":
      sendJson(res, fault.status, { error: "Injected server error", fault: fault.id });
      return true;
    case "error4xx":
      sendJson(res, fault.status, { error: "Injected refusal", fault: fault.id });
      return true;
    case "rateLimit":
      faults.rateLimited(key, fault.retryAfterSeconds);
      sendJson(
        res,
        429,
        { error: "Too many requests", fault: fault.id },
        { "retry-after": String(fault.retryAfterSeconds) },
      );
      return true;
    case "drop":
      req.socket.destroy();
      return true;
    case "slow":
      await delay(fault.delayMs);
      return false;
    default:
      return false;
  }
}

export type Sandbox = {
  server: Server;
  faults: FaultStore;
  callbacks: CallbackDispatcher;
  url: string;
  close: () => Promise<void>;
};

export async function startSandbox(options: {
  port: number;
  host?: string;
  vendors: VendorFake[];
  callbackLanes?: number;
}): Promise<Sandbox> {
  const faults = new FaultStore();
  const callbacks = new CallbackDispatcher({ faults, lanes: options.callbackLanes });
  const vendors = new Map(options.vendors.map((v) => [v.name, v]));
  let baseUrl = "";
  for (const vendor of options.vendors) vendor.connect?.(callbacks, { url: () => baseUrl });
  const context = { faults, callbacks, vendors };
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://sandbox.local");
      const body = await readBody(req);
      if (url.pathname === "/health") return sendJson(res, 200, { ok: true, vendors: [...vendors.keys()] });
      if (url.pathname.startsWith("/_control/")) return control(context, req, res, url, body);
      const [, name = "", ...rest] = url.pathname.split("/");
      const vendor = vendors.get(name);
      if (!vendor) return sendJson(res, 404, { error: `no fake vendor "${name}"` });
      const path = `/${rest.join("/")}`;
      if (await injectFault(faults, name, path, body, req, res)) return;
      await vendor.handle(req, res, path + url.search, body);
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    faults,
    callbacks,
    url: baseUrl,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
