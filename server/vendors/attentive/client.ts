import type { attentiveSettings } from "./settings";
import type { z } from "zod";
import { vendorFetch, VendorError } from "../http";
import type { ClientOptions, ConnectionCheck, ConnectionResult, VendorConnection } from "../types";
import {
  eligibilityResponse,
  errorBody,
  legacyMessageResponse,
  meResponse,
  subscribeResponse,
  unsubscribeResponse,
  type LegacyMessageRequest,
  type SubscribeRequest,
  type Subscription,
  type UnsubscribeRequest,
  type WireUser,
} from "./wire";

export type AttentiveSettings = z.output<typeof attentiveSettings> & { baseUrl: string };
/** A loyalty member as Annex Cloud knows them: a mobile number (10-digit US or E.164), maybe an email. */
export type AttentiveMember = { phone: string; email?: string };
export type SubscriptionStatus = Subscription & { status: string };
export type SubscriptionEligibility = Subscription & { isEligible: boolean };

// After Annex Cloud's Attentive guide, "Instructions for resolving the run time errors".
const LEGACY_TOKEN_ADVICE =
  "Texts need an activated legacy API access token: check the token in the integration settings, and if it is right, email legacyapi@attentivemobile.com and ask them to activate the legacy API access token";
const SIGN_UP_SOURCE_ADVICE =
  "Check the sign-up source id: in Attentive, open the Subscribers tab, find the sign-up flow made for this integration and copy its ID into the integration settings";

// Attentive's documentation example number (555-exchange, fictional): the eligibility check only
// proves the lookup works, so an answer of "no subscriptions" (404) is as good as a list.
const TEST_PHONE = "+13115552368";

/** What to tell the admin besides Attentive's own words, given the status and those words. */
type Advice = (status: number, said: string | null) => string | null;

const commonAdvice: Advice = (status) => {
  if (status === 429) return "Attentive is limiting the request rate; try again in a moment";
  if (status >= 500)
    return "Attentive had a server error; try again later, and contact Attentive support if it persists";
  return null;
};

const apiKeyAdvice: Advice = (status, said) => {
  if (status === 401) return "Check the API key: copy it again from your custom app in Attentive (Integrations tab)";
  if (status === 403)
    return "The custom app lacks a permission this call needs: in Attentive's Integrations tab, edit the app and allow Subscribers (read and write)";
  return commonAdvice(status, said);
};

// How Attentive words an unknown sign-up source is not documented [assumed]: a 404 on subscribe, or a
// 400 that names the sign-up source or gives no reason, is taken to be about it.
const subscribeAdvice: Advice = (status, said) => {
  if (status === 404 || (status === 400 && (!said || /sign.?up|source/i.test(said)))) return SIGN_UP_SOURCE_ADVICE;
  return apiKeyAdvice(status, said);
};

// Attentive does not document how it refuses a token that is not activated yet, so any 401/403 on the
// messages API gets the activation advice.
const legacyAdvice: Advice = (status, said) =>
  status === 401 || status === 403 ? LEGACY_TOKEN_ADVICE : commonAdvice(status, said);

function describeError(action: string, advise: Advice, status: number, body: unknown) {
  const parsed = errorBody.safeParse(body);
  const raw = parsed.success ? parsed.data.error.message : typeof body === "string" ? body : "";
  const said = raw.trim().replace(/\.$/, "") || null;
  const code = parsed.success && parsed.data.error.id !== undefined ? String(parsed.data.error.id) : null;
  const what = `Attentive answered HTTP ${status} while ${action}${said ? `: ${said}` : ""}`;
  const advice = advise(status, said);
  return { code, message: advice ? `${what}. ${advice}.` : `${what}.` };
}

/**
 * The subscription endpoints require E.164 [doc]; Annex Cloud keeps 10-digit US numbers
 * (7707651750), so those get +1. Anything else goes as typed and Attentive says what is wrong with
 * it.
 */
function toE164(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) return `+${digits}`;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith("1")) return `+${digits}`;
  return trimmed;
}

function wireUser(member: AttentiveMember): WireUser & { phone: string } {
  return { phone: toE164(member.phone), ...(member.email ? { email: member.email.trim() } : {}) };
}

/** The vendor error of a failed call as a value, so several checks can run side by side. */
async function attempt<T>(work: Promise<T>): Promise<T | VendorError> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof VendorError) return error;
    throw error;
  }
}

/**
 * Attentive answers 404 when the user has no subscriptions at all (seen on the eligibility lookup
 * [obs], assumed on unsubscribe): nothing to report, not a failure.
 */
async function noneIfUnknownUser<T>(work: Promise<T[]>): Promise<T[]> {
  const result = await attempt(work);
  if (result instanceof VendorError && result.status === 404) return [];
  if (result instanceof VendorError) throw result;
  return result;
}

function outcome<T>(name: string, result: T | VendorError, describe: (value: T) => string): ConnectionCheck {
  return result instanceof VendorError
    ? { name, ok: false, message: result.message }
    : { name, ok: true, message: describe(result) };
}

export function createAttentiveClient(settings: AttentiveSettings, options: ClientOptions = {}) {
  const base = settings.baseUrl.replace(/\/+$/, "");

  function call<T>(
    action: string,
    path: string,
    schema: z.ZodType<T>,
    auth: { token: string; advise: Advice },
    body?: unknown,
    idempotent = true,
  ) {
    return vendorFetch({
      vendor: "attentive",
      url: `${base}${path}`,
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${auth.token}` },
      body,
      schema,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      idempotent,
      describeError: (status, error) => describeError(action, auth.advise, status, error),
    });
  }

  const apiKey = (advise = apiKeyAdvice) => ({ token: settings.apiKey, advise });
  const legacyToken = { token: settings.legacyToken, advise: legacyAdvice };

  /**
   * Opts the member in through the configured sign-up source (TEXT for the phone, EMAIL for the email).
   * Re-subscribing someone already subscribed texts them "already subscribed" [doc]: check
   * getEligibility first.
   */
  async function subscribe(member: AttentiveMember): Promise<SubscriptionStatus[]> {
    const body: SubscribeRequest = { user: wireUser(member), signUpSourceId: settings.signUpSourceId };
    const answer = await call(
      `subscribing ${body.user.phone}`,
      "/v1/subscriptions",
      subscribeResponse,
      apiKey(subscribeAdvice),
      body,
    );
    return answer.subscriptionResponses.map((r) => ({ ...r.subscription, status: r.subscriptionCreationStatus }));
  }

  /** The member's subscriptions and whether each may be messaged; empty when Attentive does not know them. */
  async function getEligibility(member: AttentiveMember): Promise<SubscriptionEligibility[]> {
    const user = wireUser(member);
    const query = new URLSearchParams({ phone: user.phone });
    if (user.email) query.set("email", user.email);
    const lookup = call(
      `looking up the subscriptions of ${user.phone}`,
      `/v1/subscriptions?${query.toString()}`,
      eligibilityResponse,
      apiKey(),
    );
    return noneIfUnknownUser(
      lookup.then((answer) =>
        answer.subscriptionEligibilities.map((e) => ({ ...e.subscription, isEligible: e.eligibility.isEligible })),
      ),
    );
  }

  /**
   * Unsubscribes the member from everything. The request names no subscriptions on purpose: loyalty
   * texts go out as TRANSACTIONAL messages, so dropping only MARKETING (as Annex Cloud's guide
   * does) would not stop them. Attentive texts a confirmation to the phone [doc].
   */
  async function unsubscribe(member: AttentiveMember): Promise<SubscriptionStatus[]> {
    const body: UnsubscribeRequest = { user: wireUser(member) };
    const request = call(
      `unsubscribing ${body.user.phone}`,
      "/v1/subscriptions/unsubscribe",
      unsubscribeResponse,
      apiKey(),
      body,
    );
    return noneIfUnknownUser(
      request.then((answer) =>
        answer.subscriptionResponses.map((r) => ({ ...r.subscription, status: r.subscriptionUnsubscribeStatus })),
      ),
    );
  }

  /**
   * Sends a text through the legacy Transactional Messages API, POST /1/messages [doc]: it is the
   * documented endpoint that takes the legacy token this integration is set up with. The
   * /v1/subscriptions/messages of Annex Cloud's guide is in no Attentive documentation,
   * /v1/text/send takes the custom-app key and is for Attentive customers only, and
   * client-api.attentivemobile.com/v1/messages is archived. Attentive prepends the brand name to
   * every text [doc].
   */
  async function sendMessage(message: { to: string; body: string }): Promise<{ to: string }> {
    const body: LegacyMessageRequest = { to: toE164(message.to), body: message.body, type: "TRANSACTIONAL" };
    const echo = await call(
      `sending a text to ${body.to}`,
      "/1/messages",
      legacyMessageResponse,
      legacyToken,
      body,
      false,
    );
    return { to: echo?.to ?? body.to };
  }

  /**
   * Attentive documents no way to check a legacy token without sending a text. This posts a message
   * with no recipient and no body, which cannot be sent: a refused token answers 401/403 and an
   * accepted one 400 for the missing fields [assumed: Attentive checks the token before the body].
   */
  async function probeLegacyToken(): Promise<void> {
    const probe = await attempt(
      call("checking the legacy messages token", "/1/messages", legacyMessageResponse, legacyToken, {
        type: "TRANSACTIONAL",
      }),
    );
    if (probe instanceof VendorError && probe.status !== 400) throw probe;
  }

  async function testConnection(): Promise<ConnectionResult> {
    const [me, lookup, legacy] = await Promise.all([
      attempt(call("checking the API key", "/v1/me", meResponse, apiKey())),
      attempt(getEligibility({ phone: TEST_PHONE })),
      attempt(probeLegacyToken()),
    ]);
    const checks = [
      outcome("Attentive API key", me, (m) => `Connected to ${m.companyName} as the app "${m.applicationName}".`),
      outcome("Eligibility lookup", lookup, () => "Attentive answered a subscription lookup for a test number."),
      outcome(
        "Legacy messages token",
        legacy,
        () => "Attentive did not refuse the legacy token (checked without sending a text; the first text confirms it).",
      ),
    ];
    const learned = me instanceof VendorError ? undefined : { companyId: me.companyId, companyName: me.companyName };
    return { ok: checks.every((c) => c.ok), checks, ...(learned ? { learned } : {}) };
  }

  const client = { testConnection, subscribe, getEligibility, unsubscribe, sendMessage };
  return client satisfies VendorConnection;
}

export type AttentiveClient = ReturnType<typeof createAttentiveClient>;
