import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { credentialForm, lastWriters, type SandboxAccounts } from "./accounts";
import type { CallbackDispatcher } from "./callbacks";
import { sendJson, type VendorFake } from "./server";

// Fake Mitto Messaging API (WhatsApp through Mitto), after §3, §4 and §6 of docs/vendors/mitto.md.
// Where the notes say [assumed] (login body, token use, traffic-account listing, DLR status
// names and error codes, the inbound shape) it is lenient.

// Accounts (accounts.ts) are named by their login email; an API key belongs to the account of
// the same name. Mitto registers callback URLs per account [doc, §1]; that an API key is one
// account's is [assumed].
const usernames = credentialForm("demo", "+", "@switchboard.test");
const apiKeys = credentialForm("sandbox-api-key", "+");
const PASSWORD = "sandbox-password";

/** The sandbox Mitto account `name`'s credentials (e.g. demo+7f3a@switchboard.test); the demo account's without a name. */
export const mittoSandboxCredentials = (name?: string) => ({
  username: usernames.of(name),
  password: PASSWORD,
  apiKey: apiKeys.of(name),
});
export const MITTO_SANDBOX_CREDENTIALS = mittoSandboxCredentials();

/** The account a login email or an API key belongs to. */
function accountOf(credential: string): string | null {
  const name = usernames.nameIn(credential.toLowerCase()) ?? apiKeys.nameIn(credential);
  return name === null ? null : usernames.of(name);
}
const accounts: SandboxAccounts = {
  demo: MITTO_SANDBOX_CREDENTIALS.username,
  find: accountOf,
  forms: `the login ${usernames.forms}, or the API key ${apiKeys.forms}`,
};

type Template = {
  id: string;
  name: string;
  language: string;
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  status: "APPROVED" | "PENDING" | "REJECTED" | "PAUSED" | "DISABLED";
  components: {
    type: "HEADER" | "BODY" | "FOOTER";
    format?: "TEXT";
    text: string;
    example?: { body_text: string[][] };
  }[];
};

const body = (text: string, ...samples: string[]): Template["components"][number] => ({
  type: "BODY",
  text,
  ...(samples.length ? { example: { body_text: [samples] } } : {}),
});

const MCP_ACCOUNT: Template = {
  id: "1024886310945713",
  name: "mcp_account",
  language: "en",
  category: "UTILITY",
  status: "APPROVED",
  components: [
    body(
      "Dear {{1}}, your Mitto Dashboard account was successfully created. Please check your email inbox.",
      "Vaishali",
    ),
  ],
};

// Two WhatsApp numbers and one SMS sender, so listing has something to filter.
const WHATSAPP_DE = {
  id: "6f1c2a9e-0b7d-4c53-9a55-0d6c2f1e8a11",
  name: "Switchboard Demo WhatsApp",
  channel: "WhatsApp",
  phoneNumber: "+493098765432",
};
const WHATSAPP_BR = {
  id: "b3e9d7a4-5c2f-4e8b-8d1a-2f6c9e0b7a35",
  name: "Switchboard Demo Brasil",
  channel: "WhatsApp",
  phoneNumber: "+5511987650000",
};
const SMS = {
  id: "0d4a8c7e-1f3b-4a6d-9e2c-5b7f8a9c0d12",
  name: "Switchboard Demo SMS",
  channel: "SMS",
  phoneNumber: null,
};
const trafficAccounts = [WHATSAPP_DE, WHATSAPP_BR, SMS];
/** The demo account's WhatsApp senders, for the demo workspace seed. */
export const MITTO_SANDBOX_WHATSAPP_ACCOUNTS = [WHATSAPP_DE, WHATSAPP_BR];

const seededTemplates = new Map<string, Template[]>([
  [
    WHATSAPP_DE.id,
    [
      MCP_ACCOUNT,
      {
        id: "1024886310945714",
        name: "appointment_reminder",
        language: "en_US",
        category: "UTILITY",
        status: "APPROVED",
        components: [
          { type: "HEADER", format: "TEXT", text: "Appointment reminder" },
          body(
            "Hi {{1}}, this is a reminder of your appointment on {{2}} at {{3}}. Reply STOP to opt out.",
            "Maria",
            "tomorrow",
            "12:00 PM",
          ),
          { type: "FOOTER", text: "Switchboard demo" },
        ],
      },
      {
        id: "1024886310945715",
        name: "summer_sale",
        language: "en",
        category: "MARKETING",
        status: "PENDING",
        components: [body("Hi {{1}}, our summer sale starts today!")],
      },
      {
        id: "1024886310945716",
        name: "win_back",
        language: "en",
        category: "MARKETING",
        status: "REJECTED",
        components: [body("{{1}} we miss you, come back")],
      },
    ],
  ],
  [WHATSAPP_BR.id, [MCP_ACCOUNT]],
]);

/** The traffic account behind an id, if it is a WhatsApp one. */
const whatsAppAccount = (id: string) => trafficAccounts.find((a) => a.id === id && a.channel === "WhatsApp");

const loginBody = z
  .object({ email: z.string().optional(), username: z.string().optional(), password: z.string() })
  .refine((v) => v.email ?? v.username, "email or username is required");

// A session (free-form) text is [assumed] to be Meta's text message (§3 of docs/vendors/mitto.md):
// `text: { body }`, also taken as a bare string, and extra keys such as preview_url are ignored.
const textMessage = z.object({
  type: z.literal("text"),
  text: z.union([z.object({ body: z.string().min(1) }).transform((t) => t.body), z.string().min(1)]),
});

const sendBody = z.object({
  trafficAccountId: z.string().min(1),
  destination: z.string().regex(/^\+?[1-9]\d{6,14}$/, "destination must be a phone number in international format"),
  whatsapp: z.discriminatedUnion("type", [
    textMessage,
    z.object({
      type: z.literal("template"),
      template: z.object({
        name: z.string().min(1),
        // The string form passes validation and fails later, as the real API does [obs].
        language: z.union([z.object({ code: z.string().min(1) }), z.string()]),
        components: z
          .array(
            z.object({
              type: z.string(),
              parameters: z.array(z.object({ type: z.string(), text: z.string() })).default([]),
            }),
          )
          .default([]),
      }),
    }),
  ]),
});
type SendBody = z.infer<typeof sendBody>;

export type MittoFakeMessage = {
  messageId: string;
  text: string | null;
  sender: string | null;
  conversation: string;
  createdAt: string;
  updatedAt: string;
  trafficAccountId: string;
  deliveryStatus: "Delivered" | "Failure";
  description: string | null;
  messageParts: number;
  requestInfo: SendBody;
};

// Message ids look like ULIDs ("01KCBF...") [obs].
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const messageId = () => `01${Array.from(randomBytes(24), (b) => CROCKFORD[b % 32]).join("")}`;

const placeholders = (text: string) => new Set(text.match(/\{\{\s*\d+\s*\}\}/g)).size;
const render = (text: string, values: string[]) =>
  text.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => values[Number(n) - 1] ?? whole);

export type MittoFakeInbound = {
  messageId: string;
  trafficAccountId: string;
  from: string;
  text: string;
  receivedAt: string;
};

export type MittoFake = VendorFake & {
  /** Messages accepted so far, oldest first (what a test asserts was, or was not, sent). */
  readonly messages: readonly MittoFakeMessage[];
  /** How many messages were accepted, and for how many distinct destinations. */
  sentSummary(): { total: number; recipients: number };
  /** Inbound WhatsApp messages received so far, oldest first. */
  inbound: readonly MittoFakeInbound[];
  /**
   * A WhatsApp user writing to one of the demo numbers (e.g. STOP); sent to the "inbound"
   * callback of `account`, else of the account that last wrote to them, else of the demo account.
   */
  receiveInbound(
    from: string,
    text: string,
    options?: { account?: string; trafficAccountId?: string },
  ): MittoFakeInbound;
  /**
   * Test hook: what Meta does to a template after approval. Changes the status of the template
   * with this name and language on every account listing it, or removes it (null). Affects
   * only this fake instance.
   */
  changeTemplate(name: string, language: string, change: { status: Template["status"] } | null): void;
  /** Test hook: every template back as seeded. */
  resetTemplates(): void;
};

// WhatsApp's error codes for what outcome() checks [assumed: Mitto passing Meta's codes on]:
// 132000 parameter count mismatch, 132001 template missing or not usable in that language.
type Outcome = {
  status: MittoFakeMessage["deliveryStatus"];
  description: string | null;
  errorcode: string | null;
  text: string | null;
};

/**
 * What happens to a send after it was accepted: the checks WhatsApp makes downstream. A free
 * text is delivered: whether the customer's 24-hour window is open is left to the caller, since
 * the sandbox does not see every inbound message (the demo seeds its conversations directly).
 */
function outcome(templatesByAccount: Map<string, Template[]>, send: SendBody): Outcome {
  if (send.whatsapp.type === "text")
    return { status: "Delivered", description: null, errorcode: null, text: send.whatsapp.text };
  const { name, language, components } = send.whatsapp.template;
  const fail = (description: string, errorcode = "132001") => ({
    status: "Failure" as const,
    description,
    errorcode,
    text: null,
  });
  if (typeof language === "string") return fail("Can't get template language code");
  const named = (templatesByAccount.get(send.trafficAccountId) ?? []).filter((t) => t.name === name);
  if (named.length === 0) return fail(`Template ${name} does not exist for this WhatsApp business account`);
  const template = named.find((t) => t.language === language.code);
  if (!template)
    return fail(
      `Template ${name} has no ${language.code} translation (available: ${named.map((t) => t.language).join(", ")})`,
    );
  if (template.status !== "APPROVED")
    return fail(`Template ${name} is ${template.status}; only APPROVED templates can be sent`);
  const text = template.components.find((c) => c.type === "BODY")?.text ?? "";
  const values = components.find((c) => c.type.toLowerCase() === "body")?.parameters.map((p) => p.text) ?? [];
  if (values.length !== placeholders(text))
    return fail(`Template ${name} expects ${placeholders(text)} body parameter(s), got ${values.length}`, "132000");
  return { status: "Delivered", description: null, errorcode: null, text: render(text, values) };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const validationErrors = (error: z.ZodError) => ({
  errors: error.issues.map((i) => ({ code: "ValidationError", field: i.path.join("."), message: i.message })),
});

export function mittoFake(): MittoFake {
  /** Login tokens and the account each was issued to. */
  const tokens = new Map<string, string>();
  const messages = new Map<string, MittoFakeMessage>();
  const inbound: MittoFakeInbound[] = [];
  const writers = lastWriters(accounts.demo);
  let dispatcher: CallbackDispatcher | undefined;
  // A copy per instance, so changeTemplate in one test leaves other fakes as seeded.
  const seeded = () => new Map([...seededTemplates].map(([account, list]) => [account, list.map((t) => ({ ...t }))]));
  let templatesByAccount = seeded();

  /** The DLRs of one accepted send, each its own callback to the sending account: Sent, Delivered, Read, or one Failure. */
  function sendDlrs(account: string, id: string, result: Outcome) {
    // errorcode "0" on success is [assumed]; the notes only show the three keys.
    const dlr = (status: string, errorcode: string | null, extra: object = {}) =>
      dispatcher?.emit(
        { vendor: "mitto", account, kind: "dlr" },
        { messageId: id, status, errorcode, ...extra },
        { orderKey: id },
      );
    if (result.status === "Failure") return dlr("Failure", result.errorcode, { description: result.description });
    for (const status of ["Sent", "Delivered", "Read"]) dlr(status, "0");
  }

  function login(res: ServerResponse, raw: string) {
    const parsed = loginBody.safeParse(parseJson(raw));
    if (!parsed.success) return sendJson(res, 400, validationErrors(parsed.error));
    const { email, username, password } = parsed.data;
    const name = usernames.nameIn((email ?? username ?? "").toLowerCase());
    if (name === null || password !== PASSWORD) {
      return sendJson(res, 401, { errors: [{ code: "InvalidCredentials", message: "Invalid email or password." }] });
    }
    const token = randomBytes(24).toString("base64url");
    tokens.set(token, usernames.of(name));
    return sendJson(res, 200, { token, expiresIn: 3600 });
  }

  /** The account a request is made by, or null when it is not authorized. */
  function callerOf(req: IncomingMessage): string | null {
    const key = req.headers["x-mitto-api-key"];
    const name = typeof key === "string" ? apiKeys.nameIn(key) : null;
    if (name !== null) return usernames.of(name);
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    return bearer === undefined ? null : (tokens.get(bearer) ?? null);
  }

  function send(res: ServerResponse, raw: string, caller: string) {
    const parsed = sendBody.safeParse(parseJson(raw));
    if (!parsed.success) return sendJson(res, 400, validationErrors(parsed.error));
    const account = whatsAppAccount(parsed.data.trafficAccountId);
    if (!account)
      return sendJson(res, 400, {
        errors: [
          { code: "InvalidTrafficAccount", field: "trafficAccountId", message: "Unknown WhatsApp traffic account." },
        ],
      });
    const result = outcome(templatesByAccount, parsed.data);
    const now = new Date().toISOString();
    const id = messageId();
    messages.set(id, {
      messageId: id,
      text: result.text,
      sender: account.phoneNumber,
      conversation: randomUUID(),
      createdAt: now,
      updatedAt: now,
      trafficAccountId: account.id,
      deliveryStatus: result.status,
      description: result.description,
      messageParts: 1,
      requestInfo: parsed.data,
    });
    sendJson(res, 200, { messages: [{ messageId: id, trafficAccountId: account.id }] });
    writers.wrote(caller, parsed.data.destination);
    sendDlrs(caller, id, result);
  }

  return {
    name: "mitto",
    inbound,
    callbacks: { kinds: ["dlr", "inbound"], accounts },
    connect(callbacks) {
      dispatcher = callbacks;
    },

    changeTemplate(name, language, change) {
      for (const [account, list] of templatesByAccount) {
        const kept =
          change === null
            ? list.filter((t) => t.name !== name || t.language !== language)
            : list.map((t) => (t.name === name && t.language === language ? { ...t, ...change } : t));
        templatesByAccount.set(account, kept);
      }
    },

    get messages() {
      return [...messages.values()];
    },

    sentSummary() {
      const all = [...messages.values()];
      return { total: all.length, recipients: new Set(all.map((m) => m.requestInfo.destination)).size };
    },

    resetTemplates() {
      templatesByAccount = seeded();
    },

    receiveInbound(from, text, { account, trafficAccountId = WHATSAPP_DE.id } = {}) {
      const number = whatsAppAccount(trafficAccountId);
      if (!number) throw new Error(`${trafficAccountId} is not a WhatsApp traffic account of the demo`);
      const message = {
        messageId: messageId(),
        trafficAccountId,
        from: `+${from.replace(/\D/g, "")}`,
        text,
        receivedAt: new Date().toISOString(),
      };
      inbound.push(message);
      dispatcher?.emit(
        { vendor: "mitto", account: writers.accountFor(from, account), kind: "inbound" },
        { ...message, channel: "WhatsApp", to: number.phoneNumber },
      );
      return message;
    },

    handle(req, res, fullPath, raw) {
      const path = fullPath.split("?")[0] ?? "";
      const method = req.method ?? "GET";
      const notAllowed = () => sendJson(res, 405, { message: `${method} is not allowed here.` });
      // Matched case-insensitively, and Message/ as well as Messages/: the docs and the
      // integrations seen in the wild spell the paths differently.
      if (/^\/v1\/customers\/login$/i.test(path)) return method === "POST" ? login(res, raw) : notAllowed();
      const caller = callerOf(req);
      if (caller === null)
        return sendJson(res, 401, {
          message: "Unauthorized: send a valid X-Mitto-API-Key header or a bearer token from Customers/login.",
        });

      if (/^\/api\/v1\/trafficaccounts$/i.test(path))
        return method === "GET" ? sendJson(res, 200, trafficAccounts) : notAllowed();
      const [, accountId] = /^\/api\/v1\/trafficaccounts\/([^/]+)\/whatsapptemplates$/i.exec(path) ?? [];
      if (accountId) {
        if (method !== "GET") return notAllowed();
        const account = whatsAppAccount(decodeURIComponent(accountId));
        return account
          ? sendJson(res, 200, templatesByAccount.get(account.id) ?? [])
          : sendJson(res, 404, { message: "WhatsApp traffic account not found." });
      }
      if (/^\/api\/v1(\.1)?\/messages?\/send$/i.test(path))
        return method === "POST" ? send(res, raw, caller) : notAllowed();
      const [, lookupId] = /^\/api\/v1(?:\.1)?\/messages?\/([^/]+)$/i.exec(path) ?? [];
      if (lookupId) {
        if (method !== "GET") return notAllowed();
        const found = messages.get(decodeURIComponent(lookupId));
        return found ? sendJson(res, 200, found) : sendJson(res, 404, { message: "Message not found." });
      }
      return sendJson(res, 404, { message: `No route for ${method} ${path}.` });
    },
  };
}
