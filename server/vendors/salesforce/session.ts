// The Salesforce login (OAuth token, cached per client and in the session store) and the REST
// call that logs in again when the token has expired, with Salesforce's errors in plain words.
import type { z } from "zod";
import { VendorError, vendorFetch, type VendorErrorKind } from "../http";
import type { SalesforceClientOptions, SalesforceSession, SalesforceSettings } from "./client";
import { apiErrors, oauthError, tokenResponse } from "./wire";

/** One REST call on the instance, a GET without a body and a POST with one. */
export type SalesforceApi = <T>(path: string, schema: z.ZodType<T>, body?: Record<string, unknown>) => Promise<T>;

type Flow = SalesforceSettings["flow"];

// invalid_grant, invalid_client_id and invalid_client are documented; the client credentials
// descriptions ("no client credentials user enabled", "request not supported on this domain")
// come from secondary sources, so they are matched loosely.
function describeLoginError(flow: Flow, status: number, body: unknown): { code: string | null; message: string } {
  const parsed = oauthError.safeParse(body);
  if (!parsed.success)
    return { code: null, message: `Salesforce's login endpoint answered HTTP ${status} without an OAuth error` };
  const { error: code, error_description: description = "" } = parsed.data;
  if (code === "invalid_client_id") {
    return {
      code,
      message:
        "Salesforce does not recognise the consumer key: copy it again from the connected app's consumer details (a new app can take 10 minutes to work)",
    };
  }
  if (code === "invalid_client" && /install/i.test(description)) {
    return {
      code,
      message:
        "The connected app is not installed in this org: an admin must install it (Setup → Connected Apps OAuth Usage) before it can log in",
    };
  }
  if (code === "invalid_client")
    return {
      code,
      message: "Salesforce refused the consumer secret: copy it again from the connected app's consumer details",
    };
  if (code === "invalid_grant" && flow === "password") {
    return {
      code,
      message:
        "Salesforce refused the login: check the username, password and security token, and that the username-password flow is allowed in this org",
    };
  }
  if (code === "invalid_grant") {
    return {
      code,
      message: `Salesforce refused the client credentials login (${description}): enable the Client Credentials Flow in the connected app and choose its Run As user`,
    };
  }
  if (code === "unsupported_grant_type" && flow === "client_credentials") {
    return {
      code,
      message:
        "This login URL does not accept the client credentials flow: use your org's My Domain URL (https://<domain>.my.salesforce.com)",
    };
  }
  return { code, message: `Salesforce refused the login: ${code}${description ? ` (${description})` : ""}` };
}

function describeApiError(apiVersion: string, status: number, body: unknown): { code: string | null; message: string } {
  const parsed = apiErrors.safeParse(body);
  if (!parsed.success) return { code: null, message: `Salesforce answered HTTP ${status}` };
  const [{ errorCode: code, message }] = parsed.data;
  switch (code) {
    case "INVALID_SESSION_ID":
      return {
        code,
        message:
          "Salesforce refused a fresh session: check that the connected app's OAuth scopes include api (Manage user data via APIs)",
      };
    case "REQUEST_LIMIT_EXCEEDED":
      return {
        code,
        message:
          "The org has used up its API request allowance for the last 24 hours: wait, or ask Salesforce for a higher limit",
      };
    case "INSUFFICIENT_ACCESS_OR_READONLY":
      return {
        code,
        message: `The API user is not allowed to do this (${message}): grant the access through its profile or a permission set`,
      };
    case "NOT_FOUND":
      return {
        code,
        message: `Salesforce has nothing at this address: check the API version (${apiVersion}) and the object name`,
      };
    case "INVALID_FIELD_FOR_INSERT_UPDATE":
      return {
        code,
        message: `Salesforce would not let the API user set ${message.match(/fields: ([\w, ]+)/)?.[1] ?? "these fields"}: enable “Set Audit Fields upon Record Creation” (Setup → User Interface) and grant it to the API user with a permission set, or turn off Set Audit Fields in the integration`,
      };
    default:
      return { code, message: `Salesforce refused the request: ${message} (${code})` };
  }
}

/** vendorFetch types errors by status; a few Salesforce statuses mean something else. */
function retyped(error: VendorError, kind: VendorErrorKind): VendorError {
  return new VendorError(error.vendor, kind, error.message, error.status, error.vendorCode, error.retryAfterMs);
}

export function salesforceSession(settings: SalesforceSettings, options: SalesforceClientOptions) {
  const loginHost = settings.baseUrl.replace(/\/+$/, "");
  // One token per client, shared by concurrent calls; no refresh token is issued, so an
  // expired one is replaced by logging in again.
  const stored = options.sessions?.get();
  let session: Promise<SalesforceSession> | null = stored ? Promise.resolve(stored) : null;

  async function requestToken(): Promise<SalesforceSession> {
    const form = new URLSearchParams({
      grant_type: settings.flow,
      client_id: settings.consumerKey,
      client_secret: settings.consumerSecret,
    });
    if (settings.flow === "password") {
      form.set("username", settings.username ?? "");
      // The username-password flow wants the security token appended to the password.
      form.set("password", `${settings.password ?? ""}${settings.securityToken ?? ""}`);
    }
    try {
      const token = await vendorFetch({
        vendor: "salesforce",
        url: `${loginHost}/services/oauth2/token`,
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
        schema: tokenResponse,
        timeoutMs: options.timeoutMs,
        retry: options.retry,
        describeError: (status, body) => describeLoginError(settings.flow, status, body),
      });
      return { accessToken: token.access_token, instanceUrl: token.instance_url.replace(/\/+$/, "") };
    } catch (error) {
      // Refused credentials come back as HTTP 400, which vendorFetch reads as bad input.
      if (error instanceof VendorError && error.kind === "rejected") throw retyped(error, "auth");
      throw error;
    }
  }

  function login(): Promise<SalesforceSession> {
    const fresh: Promise<SalesforceSession> = requestToken().then(
      (made) => {
        options.sessions?.set(made);
        return made;
      },
      (error: unknown) => {
        if (session === fresh) session = null;
        options.sessions?.set(null);
        throw error;
      },
    );
    session = fresh;
    return fresh;
  }

  function send<T>(
    at: SalesforceSession,
    path: string,
    schema: z.ZodType<T>,
    body?: Record<string, unknown>,
  ): Promise<T> {
    return vendorFetch({
      vendor: "salesforce",
      url: `${at.instanceUrl}${path}`,
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${at.accessToken}` },
      body,
      schema,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      describeError: (status, errorBody) => describeApiError(settings.apiVersion, status, errorBody),
    });
  }

  /** One REST call with the cached token; a 401 means it expired: log in again and retry once. */
  async function api<T>(path: string, schema: z.ZodType<T>, body?: Record<string, unknown>): Promise<T> {
    const used = session ?? login();
    try {
      return await send(await used, path, schema, body);
    } catch (error) {
      if (!(error instanceof VendorError)) throw error;
      // The daily API cap is a 403, which vendorFetch would call an auth problem.
      if (error.vendorCode === "REQUEST_LIMIT_EXCEEDED") throw retyped(error, "rate_limited");
      if (error.status !== 401) throw error;
      // Another call may already have logged in again since this one started.
      const renewed = session && session !== used ? session : login();
      return send(await renewed, path, schema, body);
    }
  }

  return { login, api, current: () => session ?? login() };
}
