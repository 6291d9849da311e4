import { setTimeout as delay } from "node:timers/promises";
import type { z } from "zod";

export type VendorName = "mitto" | "wavy" | "attentive" | "salesforce" | "responsys" | "annex";

export type VendorErrorKind =
  | "auth" // credentials refused
  | "rate_limited" // 429 (or 420) after every retry
  | "unavailable" // 5xx or the connection failed, after every retry
  | "timeout" // no answer in time, after every retry
  | "rejected" // a 4xx the vendor explains: bad input, unknown template...
  | "unexpected_response"; // the answer did not have the documented shape

/** A vendor call that failed, with the vendor's own code and a message a person can act on. */
export class VendorError extends Error {
  constructor(
    public readonly vendor: VendorName,
    public readonly kind: VendorErrorKind,
    message: string,
    public readonly status: number | null = null,
    public readonly vendorCode: string | null = null,
    /** For rate limits: how long the vendor asked us to wait. */
    public retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "VendorError";
  }
}

export type RetryPolicy = { attempts: number; baseDelayMs: number; maxDelayMs: number };
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 8_000 };

export type VendorRequest<T> = {
  vendor: VendorName;
  url: string;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  headers?: Record<string, string>;
  /** JSON-encoded unless it is already a string (form bodies). */
  body?: unknown;
  schema: z.ZodType<T>;
  timeoutMs?: number;
  retry?: RetryPolicy;
  /**
   * False for calls that must not happen twice (sending a message): then only answers that
   * prove nothing was done (429/420, or a refused connection) are retried, and a 5xx, a
   * timeout or a dropped connection is reported at once, since the vendor may have acted.
   */
  idempotent?: boolean;
  /** Turns a vendor's error body into its code and message; the status decides the kind. */
  describeError: (status: number, body: unknown) => { code: string | null; message: string };
};

/** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Exponential backoff with full jitter: a random wait up to base * 2^attempt, capped. */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}

function kindOfStatus(status: number): VendorErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 429 || status === 420) return "rate_limited";
  if (status >= 500) return "unavailable";
  return "rejected";
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The call and its body read, settled within `timeoutMs` by a timer held here: with only an
 * AbortSignal, Node's fetch can leave a body read pending for ever when the abort lands
 * mid-body (nodejs/node#56917), which would hold a send step, and its claimed messages, for ever.
 */
async function fetchWithin(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ res: Response; parsed: unknown }> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new DOMException(`no answer within ${timeoutMs} ms`, "TimeoutError");
      controller.abort(reason);
      reject(reason);
    }, timeoutMs);
  });
  const call = fetch(url, { ...init, signal: controller.signal }).then(async (res) => ({
    res,
    parsed: await readBody(res),
  }));
  call.catch(() => undefined);
  try {
    return await Promise.race([call, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The connection was refused, so the request never reached the vendor. */
function neverSent(error: unknown): boolean {
  return (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
}

function networkError(req: VendorRequest<unknown>, error: unknown): VendorError {
  const timedOut = error instanceof Error && error.name === "TimeoutError";
  return timedOut
    ? new VendorError(req.vendor, "timeout", `${req.vendor} did not answer within ${(req.timeoutMs ?? 10_000) / 1000}s`)
    : new VendorError(req.vendor, "unavailable", `Could not reach ${req.vendor}: ${(error as Error).message}`);
}

/**
 * One vendor call: a timeout per attempt; retries with backoff on network errors, timeouts
 * and 5xx; on 429 it waits what Retry-After says before retrying, or gives up at once when that
 * is longer than the policy's longest wait; any other status is final. The answer is validated against `schema`.
 */
export async function vendorFetch<T>(req: VendorRequest<T>): Promise<T> {
  const policy = req.retry ?? DEFAULT_RETRY;
  const json = req.body !== undefined && typeof req.body !== "string";
  const headers = {
    accept: "application/json",
    ...(json ? { "content-type": "application/json" } : {}),
    ...req.headers,
  };
  const body = req.body === undefined ? undefined : json ? JSON.stringify(req.body) : (req.body as string);
  let last = new VendorError(req.vendor, "unavailable", "No attempt was made");

  for (let attempt = 0; attempt < policy.attempts; attempt++) {
    if (attempt > 0)
      await delay(
        last.kind === "rate_limited" && last.retryAfterMs !== null ? last.retryAfterMs : backoffMs(attempt, policy),
      );
    let res: Response;
    let parsed: unknown;
    try {
      ({ res, parsed } = await fetchWithin(
        req.url,
        { method: req.method ?? "GET", headers, body },
        req.timeoutMs ?? 10_000,
      ));
    } catch (error) {
      last = networkError(req, error);
      if (req.idempotent === false && !neverSent(error)) throw last;
      continue;
    }
    if (res.ok) {
      const result = req.schema.safeParse(parsed);
      if (result.success) return result.data;
      throw new VendorError(
        req.vendor,
        "unexpected_response",
        `${req.vendor} answered in an unexpected shape: ${result.error.issues[0]?.message ?? "invalid"}`,
        res.status,
      );
    }
    const { code, message } = req.describeError(res.status, parsed);
    last = new VendorError(req.vendor, kindOfStatus(res.status), message, res.status, code);
    if (last.kind !== "rate_limited" && (last.kind !== "unavailable" || req.idempotent === false)) throw last;
    last.retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
    // A wait longer than this call may spend is the caller's to schedule (a send step retries
    // after it): calling sooner than the vendor asked is never right.
    if (last.retryAfterMs !== null && last.retryAfterMs > policy.maxDelayMs) throw last;
  }
  throw last;
}
