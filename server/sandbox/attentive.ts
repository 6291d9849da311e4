import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { credentialForm, type SandboxAccounts } from "./accounts";
import type { CallbackDispatcher } from "./callbacks";
import { sendJson, type VendorFake } from "./server";

// Fake Attentive: the /v1 subscription API (Bearer API key) and the legacy Transactional Messages
// API at /1/messages (Bearer legacy token), after docs/vendors/attentive.md. Where the notes say
// [assumed] (error wording, the messages answer, how a non-activated token is refused) it is lenient.

// Accounts (accounts.ts) are named by their API key, with which Attentive's webhooks are created
// (POST /v1/webhooks, §6); the legacy token of the same name is the same account's [assumed].
const apiKeys = credentialForm("sandbox-api-key", "+");
const legacyTokens = credentialForm("sandbox-legacy-token", "+");

/**
 * The credentials of sandbox account `name` (API key sandbox-api-key+<name>, legacy token
 * sandbox-legacy-token+<name>), or of the demo account without one. Every account has the demo
 * site, sign-up source and subscribers.
 */
export const attentiveSandboxCredentials = (name?: string) => ({
  annexSiteId: "123456",
  loyaltyToken: "sandbox-loyalty",
  apiKey: apiKeys.of(name),
  legacyToken: legacyTokens.of(name),
  signUpSourceId: "132109",
});
export const ATTENTIVE_SANDBOX_CREDENTIALS = attentiveSandboxCredentials();

/** The account of an API key or legacy token. */
function accountOf(credential: string): string | null {
  const name = apiKeys.nameIn(credential) ?? legacyTokens.nameIn(credential);
  return name === null ? null : apiKeys.of(name);
}
const accounts: SandboxAccounts = {
  demo: ATTENTIVE_SANDBOX_CREDENTIALS.apiKey,
  find: accountOf,
  forms: `the API key ${apiKeys.forms}, or the legacy token ${legacyTokens.forms}`,
};

/** A legacy token Attentive has issued but not activated: texts are refused until legacyapi@attentivemobile.com activates it. */
export const ATTENTIVE_INACTIVE_LEGACY_TOKEN = "sandbox-legacy-token-inactive";

/**
 * The signing key of the sandbox's webhook: every event carries `x-attentive-hmac-sha256`, the
 * hex HMAC-SHA256 of the raw body with this key (§6). Webhooks are registered through
 * /_control/callbacks (kind "events") instead of Attentive's /v1/webhooks.
 */
export const ATTENTIVE_SANDBOX_WEBHOOK_SIGNING_KEY = "sandbox-webhook-signing-key";

/** A text accepted by the fake, for tests to look at. */
export type SentText = { to: string; body: string };

type Channel = "TEXT" | "EMAIL";
type SubscriptionType = "MARKETING" | "TRANSACTIONAL" | "CHECKOUT_ABANDONED";
/** One subscription of one address: TEXT ones belong to a phone, EMAIL ones to an email [doc]. */
type Subscription = { channel: Channel; address: string; type: SubscriptionType; active: boolean };

const ME = {
  applicationName: "Annex Cloud Loyalty",
  attentiveDomainName: "switchboard-demo",
  companyName: "Switchboard Demo Store",
  contactEmail: "admin@demo.switchboard.test",
  companyId: "MDc6Q29tcGFueTU",
};

// API sign-up units by id, with the subscription type they opt people into.
const signUpSources = new Map<string, SubscriptionType>([[ATTENTIVE_SANDBOX_CREDENTIALS.signUpSourceId, "MARKETING"]]);

// Requests per second per token [doc]; everything else allows 150.
const rateLimits: Record<string, number> = { "POST /v1/subscriptions": 10, "POST /v1/subscriptions/unsubscribe": 5 };

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, "phone must be in E.164 format, e.g. +13115552368");
const userSchema = z
  .object({ phone: e164.optional(), email: z.email().optional() })
  .refine((u) => Boolean(u.phone ?? u.email), "user needs a phone or an email");
const subscriptionSchema = z.object({
  type: z.enum(["MARKETING", "TRANSACTIONAL", "CHECKOUT_ABANDONED"]),
  channel: z.enum(["TEXT", "EMAIL"]),
});

// The locale + subscriptionType alternative to signUpSourceId is not faked: the adapter does not use it.
const subscribeSchema = z.object({
  user: userSchema,
  signUpSourceId: z.string({ error: "signUpSourceId is required" }).min(1, "signUpSourceId is required"),
  externalIdentifiers: z.unknown().optional(),
  singleOptIn: z.boolean().optional(),
});
const unsubscribeSchema = z.object({
  user: userSchema,
  subscriptions: z.array(subscriptionSchema).optional(),
  notification: z
    .object({ language: z.enum(["en-US", "fr-CA"]).optional(), disabled: z.boolean().optional() })
    .optional(),
});
const messageSchema = z.object({
  to: z.string().min(1),
  body: z.string().min(1),
  type: z.literal("TRANSACTIONAL", { error: 'type must be "TRANSACTIONAL" (case-sensitive)' }),
  link: z.string().optional(),
  mediaUrl: z.string().optional(),
});

/** Attentive sanitises `to` on the messages API and only texts US, Canada and UK numbers [doc]. */
function sanitisePhone(to: string): string | null {
  const digits = to.replace(/\D/g, "");
  const normalised = to.trim().startsWith("+") || digits.length !== 10 ? `+${digits}` : `+1${digits}`;
  return /^\+(1\d{10}|44\d{9,10})$/.test(normalised) ? normalised : null;
}

/** One request: `account` is the caller's (accounts.ts). */
type Context = { res: ServerResponse; url: URL; body: string; account: string };

const signed = (raw: string) => ({
  "x-attentive-hmac-sha256": createHmac("sha256", ATTENTIVE_SANDBOX_WEBHOOK_SIGNING_KEY).update(raw).digest("hex"),
});
const eventPrefix = { TEXT: "sms", EMAIL: "email" } as const;

export function attentiveFake(): VendorFake & { sent: SentText[] } {
  const sent: SentText[] = [];
  // A demo member subscribed on both channels.
  const subscriptions: Subscription[] = [
    { channel: "TEXT", address: "+17705550123", type: "MARKETING", active: true },
    { channel: "EMAIL", address: "maya@example.com", type: "MARKETING", active: true },
  ];
  const windows = new Map<string, { second: number; used: number }>();
  let nextErrorId = 480_000_001;
  let dispatcher: CallbackDispatcher | undefined;

  /** One webhook event of the calling account, in the payload shape of §6 (only the subscribe example is documented). */
  function sendEvent(ctx: Context, type: string, subscriber: { phone?: string; email?: string }, details: object) {
    const event = {
      type,
      timestamp: Date.now(),
      company: { display_name: ME.companyName, company_id: ME.companyId },
      subscriber,
      ...details,
    };
    dispatcher?.emit({ vendor: "attentive", account: ctx.account, kind: "events" }, event, { headers: signed });
  }

  const fail = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
    sendJson(res, status, { error: { id: nextErrorId++, message } }, headers);

  function parse<T>(schema: z.ZodType<T>, ctx: Context): T | null {
    let json: unknown;
    try {
      json = JSON.parse(ctx.body);
    } catch {
      fail(ctx.res, 400, "Invalid parameter: the body is not valid JSON");
      return null;
    }
    const result = schema.safeParse(json);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    fail(ctx.res, 400, `Invalid parameter ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
    return null;
  }

  /** The addresses a user stands for: the phone for TEXT, the email for EMAIL. */
  const addressesOf = (user: z.infer<typeof userSchema>) =>
    [
      user.phone ? { channel: "TEXT" as const, address: user.phone } : null,
      user.email ? { channel: "EMAIL" as const, address: user.email.toLowerCase() } : null,
    ].filter((a) => a !== null);

  const subscriptionsOf = (user: z.infer<typeof userSchema>) =>
    addressesOf(user).flatMap(({ channel, address }) =>
      subscriptions.filter((s) => s.channel === channel && s.address === address),
    );

  const describe = (s: Subscription) => ({ type: s.type, channel: s.channel });

  function subscribe(ctx: Context) {
    const request = parse(subscribeSchema, ctx);
    if (!request) return;
    const type = signUpSources.get(request.signUpSourceId);
    if (!type)
      return fail(
        ctx.res,
        400,
        `Invalid parameter signUpSourceId: no API sign-up unit has the id ${request.signUpSourceId}`,
      );
    const subscriptionResponses = addressesOf(request.user).map(({ channel, address }) => {
      const existing = subscriptions.find((s) => s.channel === channel && s.address === address && s.type === type);
      if (existing?.active)
        return { subscription: { type, channel }, subscriptionCreationStatus: "PREVIOUSLY_CREATED" };
      if (existing) existing.active = true;
      else subscriptions.push({ channel, address, type, active: true });
      return { subscription: { type, channel }, subscriptionCreationStatus: "NEWLY_CREATED" };
    });
    sendJson(ctx.res, 202, { user: request.user, subscriptionResponses });
    for (const { subscription, subscriptionCreationStatus } of subscriptionResponses) {
      if (subscriptionCreationStatus === "NEWLY_CREATED")
        sendEvent(ctx, `${eventPrefix[subscription.channel]}.subscribed`, request.user, { subscription: { type } });
    }
  }

  function eligibility(ctx: Context) {
    const user = userSchema.safeParse({
      phone: ctx.url.searchParams.get("phone") ?? undefined,
      email: ctx.url.searchParams.get("email") ?? undefined,
    });
    if (!user.success)
      return fail(ctx.res, 400, `Invalid parameter: ${user.error.issues[0]?.message ?? "phone or email is required"}`);
    const found = subscriptionsOf(user.data);
    if (found.length === 0) return fail(ctx.res, 404, "Subscriptions not found");
    sendJson(ctx.res, 200, {
      subscriptionEligibilities: found.map((s) => ({
        subscription: describe(s),
        eligibility: { isEligible: s.active },
      })),
    });
  }

  function unsubscribe(ctx: Context) {
    const request = parse(unsubscribeSchema, ctx);
    if (!request) return;
    // No list means every subscription of the user [doc].
    const wanted = (s: Subscription) =>
      !request.subscriptions || request.subscriptions.some((w) => w.type === s.type && w.channel === s.channel);
    const found = subscriptionsOf(request.user).filter(wanted);
    // How Attentive answers for a user without subscriptions is not documented: like eligibility [assumed].
    if (found.length === 0) return fail(ctx.res, 404, "Subscriptions not found");
    const subscriptionResponses = found.map((s) => {
      const status = s.active ? "NEWLY_UNSUBSCRIBED" : "PREVIOUSLY_UNSUBSCRIBED";
      s.active = false;
      return { subscription: describe(s), subscriptionUnsubscribeStatus: status };
    });
    sendJson(ctx.res, 202, { user: request.user, subscriptionResponses });
    // sms.unsubscribed is [unverified]; email.unsubscribed is documented.
    for (const { subscription, subscriptionUnsubscribeStatus } of subscriptionResponses) {
      if (subscriptionUnsubscribeStatus === "NEWLY_UNSUBSCRIBED")
        sendEvent(ctx, `${eventPrefix[subscription.channel]}.unsubscribed`, request.user, {
          subscription: { type: subscription.type },
        });
    }
  }

  function sendText(ctx: Context) {
    const request = parse(messageSchema, ctx);
    if (!request) return;
    const to = sanitisePhone(request.to);
    if (!to) return fail(ctx.res, 400, `Invalid parameter to: ${request.to} is not a US, Canadian or UK phone number`);
    sent.push({ to, body: request.body });
    // The answer is not documented; Annex Cloud's Attentive guide shows an echo [assumed].
    sendJson(ctx.res, 202, { type: request.type, to, body: request.body });
    // [assumed] The sms.sent payload beyond type, timestamp, company and subscriber.
    sendEvent(ctx, "sms.sent", { phone: to }, { message: { type: request.type, text: request.body } });
  }

  const routes: Record<string, (ctx: Context) => void> = {
    "GET /v1/me": (ctx) => sendJson(ctx.res, 200, ME),
    "POST /v1/subscriptions": subscribe,
    "GET /v1/subscriptions": eligibility,
    "POST /v1/subscriptions/unsubscribe": unsubscribe,
    "POST /1/messages": sendText,
  };

  /** Counts the request in its one-second window and sets the documented rate-limit headers; false when over. */
  function withinRateLimit(res: ServerResponse, key: string, limit: number): boolean {
    const second = Math.floor(Date.now() / 1000);
    const current = windows.get(key);
    const slot = current?.second === second ? current : { second, used: 0 };
    slot.used += 1;
    windows.set(key, slot);
    res.setHeader("x-ratelimit-limit", String(limit));
    res.setHeader("x-ratelimit-remaining", String(Math.max(0, limit - slot.used)));
    return slot.used <= limit;
  }

  /** The account of a request's token, or the refusal of it. */
  function authorize(route: string, token: string): { account: string } | { status: number; message: string } {
    const form = route === "POST /1/messages" ? legacyTokens : apiKeys;
    const name = form.nameIn(token);
    if (name !== null) return { account: apiKeys.of(name) };
    // Wording and status for a token that exists but is not activated are [assumed].
    if (form === legacyTokens && token === ATTENTIVE_INACTIVE_LEGACY_TOKEN)
      return { status: 403, message: "Access token is not activated for the legacy API" };
    return { status: 401, message: "Unauthorized" };
  }

  return {
    name: "attentive",
    sent,
    callbacks: { kinds: ["events"], accounts },
    connect(callbacks) {
      dispatcher = callbacks;
    },
    handle(req: IncomingMessage, res: ServerResponse, path: string, body: string) {
      const url = new URL(path, "http://attentive.sandbox");
      const route = `${req.method ?? "GET"} ${url.pathname}`;
      const handler = routes[route];
      if (!handler) return fail(res, 404, "Not found");
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
      const caller = authorize(route, token);
      if ("status" in caller) return fail(res, caller.status, caller.message);
      if (!withinRateLimit(res, `${token} ${route}`, rateLimits[route] ?? 150))
        return fail(res, 429, "Too many requests", { "retry-after": "1" });
      handler({ res, url, body, account: caller.account });
    },
  };
}
