import type { mittoSettings } from "./settings";
import type { z } from "zod";
import { vendorFetch, VendorError } from "../http";
import type { ClientOptions, ConnectionResult, DiscoveredSender, VendorConnection } from "../types";
import {
  errorBody,
  loginResponse,
  message,
  sendResponse,
  trafficAccounts,
  whatsAppTemplates,
  type LoginRequest,
  type MittoTemplate,
  type SendTemplateRequest,
  type SendTextRequest,
} from "./wire";

export type MittoSettings = z.output<typeof mittoSettings> & { baseUrl: string };
export type SendTemplateInput = {
  trafficAccountId: string;
  to: string;
  templateName: string;
  language: string;
  parameters: string[];
};
export type SendTextInput = { trafficAccountId: string; to: string; text: string };
export type MittoMessage = { messageId: string; deliveryStatus: string; description: string | null };
export type { MittoTemplate };

export interface MittoClient extends VendorConnection {
  /** The account's WhatsApp traffic accounts (business numbers); externalId is the trafficAccountId. */
  listSenders(): Promise<DiscoveredSender[]>;
  listTemplates(trafficAccountId: string): Promise<MittoTemplate[]>;
  sendTemplate(input: SendTemplateInput): Promise<{ messageId: string }>;
  /** Free text, which WhatsApp delivers only inside the customer's 24-hour window. */
  sendText(input: SendTextInput): Promise<{ messageId: string }>;
  getMessage(messageId: string): Promise<MittoMessage>;
}

const SIGN_IN = "Sign in to Mitto";
const FIND_SENDERS = "Find WhatsApp business accounts";

/** The vendor's own words from an error body, and its first error code. */
function vendorReason(body: unknown): { code: string | null; reason: string | null } {
  const parsed = errorBody.safeParse(body);
  if (!parsed.success) return { code: null, reason: null };
  const { message, title, error, errors } = parsed.data;
  const listed = Array.isArray(errors)
    ? errors.map((e) => (typeof e === "string" ? e : e.message))
    : Object.entries(errors ?? {}).map(([field, texts]) => `${field}: ${texts.join(", ")}`);
  const first = Array.isArray(errors) ? errors[0] : undefined;
  const code = typeof first === "object" && first.code !== undefined ? String(first.code) : null;
  const parts = [message ?? title ?? error, ...listed]
    .filter((p): p is string => Boolean(p))
    .map((p) => p.trim().replace(/\.$/, ""));
  return { code, reason: parts.length > 0 ? parts.join("; ") : null };
}

/** Plain English for a failed call: what went wrong while doing `action`, and what to do. */
function explain(status: number, action: string, credentials: string, said: string): string {
  if (status === 401)
    return `Mitto refused the ${credentials} while ${action}${said}. Check the ${credentials} in the integration settings.`;
  // Mitto only answers allow-listed source addresses (vendor notes §1).
  if (status === 403)
    return `Mitto denied access while ${action}${said}. Check the ${credentials} and ask Mitto to allow-list this server's IP address.`;
  if (status === 429) return `Mitto is limiting the request rate${said}. Try again in a minute.`;
  if (status >= 500)
    return `Mitto had a server error (HTTP ${status}) while ${action}. Try again later; if it persists, contact Mitto support.`;
  if (status === 404) return `Mitto found nothing while ${action}${said}. Check the ids used.`;
  return `Mitto rejected the request while ${action}${said}.`;
}

function describeError(action: string, credentials: string, status: number, body: unknown) {
  const { code, reason } = vendorReason(body);
  return { code, message: explain(status, action, credentials, reason ? `: ${reason}` : "") };
}

export function createMittoClient(settings: MittoSettings, options: ClientOptions = {}): MittoClient {
  const base = settings.baseUrl.replace(/\/+$/, "");
  const credentials = settings.authMethod === "password" ? "email/username and password" : "API key";
  let token: Promise<string> | null = null;

  type Init = { method?: "GET" | "POST"; body?: unknown; headers?: Record<string, string>; idempotent?: boolean };
  function call<T>(action: string, path: string, schema: z.ZodType<T>, init: Init = {}) {
    return vendorFetch({
      vendor: "mitto",
      url: `${base}${path}`,
      schema,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      describeError: (status, body) => describeError(action, credentials, status, body),
      ...init,
    });
  }

  /** One login per client; a failed login is forgotten so the next call tries again. */
  function login(): Promise<string> {
    const body: LoginRequest = {
      email: settings.username,
      username: settings.username,
      password: settings.password ?? "",
    };
    token ??= call("signing in", "/v1/Customers/login", loginResponse, { method: "POST", body }).catch(
      (error: unknown) => {
        token = null;
        throw error;
      },
    );
    return token;
  }

  // How the login token is presented is [assumed]: a bearer token, as JWT logins usually are.
  async function authHeaders(): Promise<Record<string, string>> {
    if (settings.authMethod === "apiKey") return { "X-Mitto-API-Key": settings.apiKey ?? "" };
    return { authorization: `Bearer ${await login()}` };
  }

  async function api<T>(action: string, path: string, schema: z.ZodType<T>, init: Omit<Init, "headers"> = {}) {
    return call(action, path, schema, { ...init, headers: await authHeaders() });
  }

  async function listSenders(): Promise<DiscoveredSender[]> {
    const accounts = await api("listing traffic accounts", "/api/v1/trafficAccounts", trafficAccounts);
    return accounts
      .filter((a) => /whatsapp/i.test(a.channel ?? ""))
      .map((a) => ({
        externalId: a.id,
        name: a.name || a.phoneNumber || a.id,
        phoneNumber: a.phoneNumber ?? null,
        messagesPerSecond: null,
      }));
  }

  async function testConnection(): Promise<ConnectionResult> {
    const signedIn = {
      name: SIGN_IN,
      ok: true,
      message:
        settings.authMethod === "password" ? `Signed in as ${settings.username}.` : "Mitto accepted the API key.",
    };
    // With an API key there is no separate sign-in: listing the accounts is what proves the key.
    let stage = SIGN_IN;
    try {
      if (settings.authMethod === "password") {
        await login();
        stage = FIND_SENDERS;
      }
      const senders = await listSenders();
      if (senders.length === 0) {
        return {
          ok: false,
          checks: [
            signedIn,
            {
              name: FIND_SENDERS,
              ok: false,
              message:
                "This Mitto account has no WhatsApp business account (traffic account). Ask Mitto to connect a WhatsApp number, then test again.",
            },
          ],
          senders,
        };
      }
      const names = senders.map((s) => (s.phoneNumber ? `${s.name} (${s.phoneNumber})` : s.name)).join(", ");
      return {
        ok: true,
        checks: [
          signedIn,
          { name: FIND_SENDERS, ok: true, message: `Found ${senders.length} WhatsApp business account(s): ${names}.` },
        ],
        senders,
      };
    } catch (error) {
      if (!(error instanceof VendorError)) throw error;
      const failed = error.kind === "auth" ? SIGN_IN : stage;
      return {
        ok: false,
        checks: [...(failed === FIND_SENDERS ? [signedIn] : []), { name: failed, ok: false, message: error.message }],
      };
    }
  }

  async function listTemplates(trafficAccountId: string): Promise<MittoTemplate[]> {
    const path = `/api/v1/trafficAccounts/${encodeURIComponent(trafficAccountId)}/WhatsAppTemplates`;
    return api(`listing the WhatsApp templates of traffic account ${trafficAccountId}`, path, whatsAppTemplates);
  }

  async function sendTemplate(input: SendTemplateInput): Promise<{ messageId: string }> {
    const components =
      input.parameters.length > 0
        ? [{ type: "body" as const, parameters: input.parameters.map((text) => ({ type: "text" as const, text })) }]
        : undefined;
    const body: SendTemplateRequest = {
      trafficAccountId: input.trafficAccountId,
      destination: input.to,
      whatsapp: {
        type: "template",
        template: { name: input.templateName, language: { code: input.language }, components },
      },
    };
    return send(`sending template ${input.templateName} to ${input.to}`, body);
  }

  async function sendText(input: SendTextInput): Promise<{ messageId: string }> {
    const body: SendTextRequest = {
      trafficAccountId: input.trafficAccountId,
      destination: input.to,
      whatsapp: { type: "text", text: { body: input.text } },
    };
    return send(`sending a message to ${input.to}`, body);
  }

  async function send(action: string, body: SendTemplateRequest | SendTextRequest) {
    const messageId = await api(action, "/api/v1.1/Messages/send", sendResponse, {
      method: "POST",
      body,
      idempotent: false,
    });
    return { messageId };
  }

  async function getMessage(messageId: string): Promise<MittoMessage> {
    const found = await api(
      `looking up message ${messageId}`,
      `/api/v1.1/Messages/${encodeURIComponent(messageId)}`,
      message,
    );
    return { messageId: found.messageId, deliveryStatus: found.deliveryStatus, description: found.description ?? null };
  }

  return { testConnection, listSenders, listTemplates, sendTemplate, sendText, getMessage };
}
