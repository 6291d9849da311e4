// The Interact REST session: logging in, the cached token, and calls that log in again when it expires.
import { z } from "zod";
import { vendorFetch, VendorError } from "../http";
import type { ClientOptions } from "../types";
import { sentence } from "./checks";
import type { ResponsysSession, SettingsFor } from "./client";
import { errorBody, tokenResponse } from "./wire";

/**
 * Plain English for a Responsys error: `doing` says what we were doing, `refused` what a 401
 * or 403 means there (given the vendor's words).
 */
function describeError(
  doing: string,
  refused: (said: string, status: number) => string,
  status: number,
  body: unknown,
): { code: string | null; message: string } {
  const parsed = errorBody.safeParse(body);
  const code = parsed.success ? parsed.data.errorCode : null;
  const words = parsed.success ? sentence(parsed.data.detail || parsed.data.title || parsed.data.errorCode) : null;
  const said = words ? ` (${words}${code && !words.includes(code) ? `, ${code}` : ""})` : "";
  if (status >= 500)
    return {
      code,
      message: `Responsys had a server error (HTTP ${status}) while ${doing}. Try again in a few minutes.`,
    };
  if (status === 429 || code === "INTERNAL_CAPACITY_LIMIT_EXCEEDED") {
    return {
      code,
      message: `Responsys is limiting this account's requests while ${doing}${said}. Wait a few minutes (capacity limits reset every 10) and try again.`,
    };
  }
  if (code === "API_DISABLED_FOR_USER" || code === "INSUFFICIENT_ACCESS") {
    return {
      code,
      message: `Responsys does not let this user call the API${said}. Ask your Responsys account administrator to give the user an API role.`,
    };
  }
  if (status === 401 || status === 403) return { code, message: refused(said, status) };
  if (status === 404)
    return { code, message: `Responsys found nothing while ${doing}${said}. Check the name in Responsys.` };
  return { code, message: `Responsys rejected the request while ${doing}${said}.` };
}

export function responsysSession(settings: SettingsFor<"interact">, options: ClientOptions) {
  const base = settings.baseUrl.replace(/\/+$/, "");
  let session: ResponsysSession | null = null;

  function call<T>(
    doing: string,
    refused: (said: string, status: number) => string,
    url: string,
    schema: z.ZodType<T>,
    init: { method: "GET" | "POST" | "DELETE"; body?: unknown; headers: Record<string, string>; idempotent?: boolean },
  ) {
    return vendorFetch({
      vendor: "responsys",
      url,
      schema,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      describeError: (status, body) => describeError(doing, refused, status, body),
      ...init,
    });
  }

  async function login(): Promise<ResponsysSession> {
    // Responsys insists on credentials in a form body, never the query string.
    const body = new URLSearchParams({
      user_name: settings.username,
      password: settings.password,
      auth_type: "password",
    }).toString();
    const refused = (said: string) =>
      `Responsys refused the username or password at ${settings.endpoint}${said}. Check both, and that ${settings.endpoint} is your account's login host.`;
    const token = await call("logging in", refused, `${base}/rest/api/v1.3/auth/token`, tokenResponse, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    session = { authToken: token.authToken, endPoint: token.endPoint.replace(/\/+$/, "") };
    return session;
  }

  /**
   * Calls with the cached token. Tokens live 3 hours and Responsys says so with a 401, so a
   * 401 means: log in again, once, and repeat the call.
   */
  async function authorized<T>(request: (s: ResponsysSession) => Promise<T>): Promise<T> {
    const current = session ?? (await login());
    try {
      return await request(current);
    } catch (error) {
      if (!(error instanceof VendorError) || error.status !== 401) throw error;
      return request(await login());
    }
  }

  /** A call with the session token; a 401 logs in again once (see authorized). */
  function send<T>(
    doing: string,
    method: "GET" | "POST" | "DELETE",
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
    idempotent = true,
  ): Promise<T> {
    // A 403 after a good login: the user lacks this function's permission (a 401 is retried first).
    const refused = (said: string, status: number) =>
      status === 403
        ? `Responsys denied this user permission (HTTP 403) while ${doing}${said}. Ask your Responsys account administrator to give the user access to it.`
        : `Responsys refused the session while ${doing}${said}, even after logging in again. Check the user's API access in Responsys.`;
    return authorized((s) =>
      call(doing, refused, `${s.endPoint}/rest/api/v1.3${path}`, schema, {
        method,
        body,
        headers: { authorization: s.authToken },
        idempotent,
      }),
    );
  }

  return {
    login,
    get: <T>(doing: string, path: string, schema: z.ZodType<T>) => send(doing, "GET", path, schema),
    post: <T>(doing: string, path: string, schema: z.ZodType<T>, body: unknown, idempotent = true) =>
      send(doing, "POST", path, schema, body, idempotent),
    delete: (doing: string, path: string) => send(doing, "DELETE", path, z.unknown()),
  };
}
