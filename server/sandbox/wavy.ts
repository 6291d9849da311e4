import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { z } from "zod";
import { credentialForm, lastWriters, type SandboxAccounts } from "./accounts";
import type { CallbackDispatcher } from "./callbacks";
import { sendJson, type VendorFake } from "./server";

// Fake Wavy WhatsApp API (docs/vendors/wavy-sinch.md): the one send endpoint, header
// auth, approved templates of the demo namespace and the 24 h session rule, plus the batched
// status ("status") and inbound MO ("message") callbacks of §3.

// Accounts (accounts.ts) are named by the UserName header. Wavy's support registers the
// callback URLs per account [assumed: the notes say only that support registers them, §3].
const usernames = credentialForm("demo", "-");

/**
 * The settings of a Wavy integration of sandbox account `name` (UserName demo-<name>), or of
 * the demo account without one. Every account has the demo namespace, templates and DID.
 */
export const wavySandboxCredentials = (name?: string) => ({
  username: usernames.of(name),
  password: "sandbox-password",
  smsFromNamespace: "demo_wavy_ns",
  smsRegExp: ".",
  dids: ["+5511988887777"],
});
export const WAVY_SANDBOX_CREDENTIALS = wavySandboxCredentials();

const accounts: SandboxAccounts = {
  demo: WAVY_SANDBOX_CREDENTIALS.username,
  find: (username) => (usernames.nameIn(username) === null ? null : username),
  forms: `the UserName ${usernames.forms}`,
};

type Hsm = { namespace: string; elementName: string; languageCode: string; body: string };
// The approved templates (HSMs) of the demo namespace; each fake adds its own (approveHsm).
const demoTemplates: Hsm[] = [
  {
    namespace: "demo_wavy_ns",
    elementName: "chatclub_open_session_v2",
    languageCode: "pt_BR",
    body: "{{1}} reports: {{2}}",
  },
  {
    namespace: "demo_wavy_ns",
    elementName: "appointment_reminder",
    languageCode: "en_US",
    body: "Hi {{1}}, your appointment is on {{2}} at {{3}}. Reply here to change it.",
  },
];

const AUTH_ERROR =
  "Authentication Error: No user was found with this combination of username and Authentication token.";
const SESSION_MS = 24 * 60 * 60 * 1000;

// Wavy tolerates "+", spaces, dashes and parentheses around a number with its country code.
const phone = z.string().regex(/^\+?[\d\s()-]{8,24}$/, "must be a phone number with its country code");
const templateFields = {
  namespace: z.string().min(1),
  elementName: z.string().min(1),
  languageCode: z.string().min(1),
  // [assumed] The documented `template` object does not show its parameter field; the same
  // `parameters` list as `hsm` is accepted for both.
  parameters: z.array(z.string()).default([]),
};
const sendBody = z.object({
  destinations: z
    .array(z.object({ destination: phone, correlationId: z.string().optional() }))
    .min(1, "must not be empty"),
  message: z
    .object({
      hsm: z.object({ ...templateFields, languagePolicy: z.string().optional() }).optional(),
      template: z.object({ ...templateFields, header: z.unknown().optional() }).optional(),
      messageText: z.string().min(1).optional(),
      ttl: z.number().int().min(1).max(30).optional(),
    })
    .refine(
      (m) => [m.hsm, m.template, m.messageText].filter((v) => v !== undefined).length === 1,
      "must hold exactly one of hsm, template or messageText",
    ),
  campaignAlias: z.string().optional(),
});
type SendBody = z.infer<typeof sendBody>;

export type WavyFakeStatus = "SENT_SUCCESS" | "INVALID_MESSAGE_TEXT" | "INVALID_SESSION";
export type WavyFakeMessage = {
  id: string;
  correlationId: string | null;
  /** Digits only, as Wavy reports numbers. */
  destination: string;
  origin: string;
  elementName: string | null;
  /** The free-form text, or the template body with its parameters filled in. */
  text: string | null;
  status: WavyFakeStatus;
  sentAt: number;
};
export type WavyFakeInbound = { id: string; source: string; text: string; receivedAt: number };

export type WavyFake = VendorFake & {
  /** Every message accepted so far, oldest first. */
  messages: readonly WavyFakeMessage[];
  /**
   * A WhatsApp user writing to the demo number, which opens their 24 h session; sent to the
   * "message" callback of `account`, else of the account that last wrote to them, else of the demo account.
   */
  receiveInbound(from: string, text: string, options?: { account?: string }): WavyFakeInbound;
  /**
   * Wavy approving an HSM of the demo namespace (its account team does this, not an API), so
   * codes an admin adds by hand in Switchboard can be sent: PUT /_control/wavy/templates too.
   */
  approveHsm(hsm: Omit<Hsm, "namespace">): void;
};

const hsmControlSchema = z.object({
  elementName: z.string().min(1),
  languageCode: z.string().min(1),
  body: z.string().min(1),
});

const digits = (number: string) => number.replace(/\D/g, "");
const stamp = (field: string, at: number) => ({ [`${field}Date`]: new Date(at).toISOString(), [`${field}At`]: at });
// The sent-stage codes of the status table in §3.1.
const SENT_STATUS_CODES: Record<WavyFakeStatus, number> = {
  SENT_SUCCESS: 2,
  INVALID_MESSAGE_TEXT: 207,
  INVALID_SESSION: 210,
};
const fail = (res: ServerResponse, status: number, errorMessage: string) =>
  sendJson(res, status, { errorCode: status, errorMessage });

/** Renders an approved template, or null when it is unknown or the parameter count differs. */
function render(templates: readonly Hsm[], template: NonNullable<SendBody["message"]["hsm"]>): string | null {
  const approved = templates.find(
    (t) =>
      t.namespace === template.namespace &&
      t.elementName === template.elementName &&
      t.languageCode === template.languageCode,
  );
  if (!approved) return null;
  const placeholders = new Set(approved.body.match(/\{\{\d+\}\}/g)).size;
  if (template.parameters.length !== placeholders) return null;
  return approved.body.replace(/\{\{(\d+)\}\}/g, (_, n: string) => template.parameters[Number(n) - 1] ?? "");
}

export function wavyFake(options: { now?: () => number } = {}): WavyFake {
  const now = options.now ?? Date.now;
  const messages: WavyFakeMessage[] = [];
  const inbound: WavyFakeInbound[] = [];
  const templates: Hsm[] = [...demoTemplates];
  function approveHsm(hsm: Omit<Hsm, "namespace">) {
    const namespace = WAVY_SANDBOX_CREDENTIALS.smsFromNamespace;
    const same = (t: Hsm) => t.elementName === hsm.elementName && t.languageCode === hsm.languageCode;
    templates.splice(0, templates.length, ...templates.filter((t) => !same(t)), { namespace, ...hsm });
  }
  const origin = digits(WAVY_SANDBOX_CREDENTIALS.dids[0]!);

  const writers = lastWriters(accounts.demo);
  let dispatcher: CallbackDispatcher | undefined;

  const hasSession = (number: string, at: number) =>
    inbound.some((m) => m.source === number && at - m.receivedAt < SESSION_MS);

  // Wavy batches callbacks as {total, data}; the fake sends one status per batch, so faults
  // can duplicate or reorder single steps.
  const batch = (account: string, kind: "status" | "message", item: object) =>
    dispatcher?.emit({ vendor: "wavy", account, kind }, { total: 1, data: [item] });

  /** SENT_SUCCESS, DELIVERED_SUCCESS, READ_SUCCESS as three callbacks to the sending account, or the one failure status. */
  function sendStatuses(account: string, message: WavyFakeMessage, campaignAlias: string | undefined) {
    // Emitted right after the answer, so every step carries the send time.
    const at = message.sentAt;
    const base = {
      id: message.id,
      correlationId: message.correlationId,
      destination: message.destination,
      origin: message.origin,
      ...(campaignAlias ? { campaignAlias } : {}),
    };
    const status = message.status;
    // [assumed] A failed message says sent: false next to its sent-stage status code.
    const sent = {
      ...base,
      sent: status === "SENT_SUCCESS",
      sentStatusCode: SENT_STATUS_CODES[status],
      sentStatus: status,
      ...stamp("sent", at),
      ...stamp("updated", at),
    };
    batch(account, "status", sent);
    if (status !== "SENT_SUCCESS") return;
    const delivered = {
      ...sent,
      delivered: true,
      deliveredStatusCode: 4,
      deliveredStatus: "DELIVERED_SUCCESS",
      ...stamp("delivered", at),
      ...stamp("updated", at),
    };
    batch(account, "status", delivered);
    // [assumed] READ_SUCCESS (delivery code 5) replaces DELIVERED_SUCCESS in the deliveredStatus fields.
    batch(account, "status", {
      ...delivered,
      deliveredStatusCode: 5,
      deliveredStatus: "READ_SUCCESS",
      read: true,
      ...stamp("read", at),
      ...stamp("updated", at),
    });
  }

  function accept(
    destination: string,
    correlationId: string | undefined,
    message: SendBody["message"],
  ): WavyFakeMessage {
    const sentAt = now();
    const template = message.hsm ?? message.template;
    const text = template ? render(templates, template) : (message.messageText ?? null);
    // Wavy accepts the request and reports a bad template or a closed session in the status.
    const status = template
      ? text === null
        ? "INVALID_MESSAGE_TEXT"
        : "SENT_SUCCESS"
      : hasSession(destination, sentAt)
        ? "SENT_SUCCESS"
        : "INVALID_SESSION";
    const sent: WavyFakeMessage = {
      id: randomUUID(),
      correlationId: correlationId ?? null,
      destination,
      origin,
      elementName: template?.elementName ?? null,
      text,
      status,
      sentAt,
    };
    messages.push(sent);
    return sent;
  }

  return {
    name: "wavy",
    messages,

    callbacks: { kinds: ["status", "message"], accounts },
    connect(callbacks) {
      dispatcher = callbacks;
    },

    approveHsm,

    /** PUT /_control/wavy/templates {elementName, languageCode, body}: Wavy approves an HSM. */
    control(req, res, path, body) {
      if (req.method !== "PUT" || path !== "/templates")
        return sendJson(res, 404, { error: "unknown control path: PUT /_control/wavy/templates approves an HSM" });
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return sendJson(res, 400, { error: "the body is not JSON" });
      }
      const parsed = hsmControlSchema.safeParse(json);
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.issues.map((i) => i.message).join("; ") });
      approveHsm(parsed.data);
      sendJson(res, 200, { approved: parsed.data });
    },

    receiveInbound(from, text, { account } = {}) {
      const message = { id: randomUUID(), source: digits(from), text, receivedAt: now() };
      inbound.push(message);
      const { id, source, receivedAt } = message;
      batch(writers.accountFor(from, account), "message", {
        id,
        source,
        origin,
        message: { type: "TEXT", messageText: text },
        ...stamp("received", receivedAt),
      });
      return message;
    },

    handle(req, res, path, body) {
      if (path.split("?")[0] !== "/v1/whatsapp/send") return fail(res, 404, "Not Found");
      if (req.method !== "POST") return fail(res, 405, "Method Not Allowed");
      const caller = req.headers.username;
      if (
        typeof caller !== "string" ||
        usernames.nameIn(caller) === null ||
        req.headers.authenticationtoken !== WAVY_SANDBOX_CREDENTIALS.password
      )
        return fail(res, 401, AUTH_ERROR);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return fail(res, 400, "Validation Error: the body is not JSON");
      }
      // [assumed] Validation errors use the same errorCode/errorMessage body as the documented 401.
      const parsed = sendBody.safeParse(json);
      if (!parsed.success)
        return fail(
          res,
          400,
          `Validation Error: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
        );
      const { destinations, message, campaignAlias } = parsed.data;
      const accepted = destinations.map((d) => [d, accept(digits(d.destination), d.correlationId, message)] as const);
      sendJson(res, 200, {
        id: randomUUID(),
        destinations: accepted.map(([d, m]) => ({
          id: m.id,
          correlationId: d.correlationId,
          destination: d.destination,
        })),
      });
      for (const [, m] of accepted) {
        writers.wrote(caller, m.destination);
        sendStatuses(caller, m, campaignAlias);
      }
    },
  };
}
