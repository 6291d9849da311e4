import { createHmac } from "node:crypto";
import type { z } from "zod";
import { vendorFetch, VendorError } from "../http";
import type { ClientOptions } from "../types";
import {
  activityAnswer,
  activityItem,
  errorBody,
  segmentAnswer,
  type AccessTokenClaims,
  type SegmentRequest,
} from "./wire";

/**
 * Annex Cloud Loyalty API v3 adapter. Annex Cloud has no integration of its own here: the
 * Attentive integration holds the site id and the loyalty token, and the caller maps them onto
 * these settings.
 *
 * Which stored credential signs the JWT: the Loyalty API wants a JWT signed with "the site's shared
 * secret" (§A.1). The only secret Annex Cloud hands over for this connector is the loyalty token (a
 * prerequisite of its Attentive connector), so it is used as that shared secret [assumed]. The
 * connector's "Access Token" (base64 of [loyalty token, site id], `annexAccessToken`) is what Annex
 * Cloud stores for its own ESP connector, not a Loyalty API credential, so it is not sent.
 */
export type AnnexSettings = {
  siteId: string;
  sharedSecret: string;
  /**
   * The JWT `sub`: the client name agreed at onboarding (§A.1). The integration stores none;
   * the Attentive connector's prerequisites list "Client Name - Attentive", which callers pass
   * [assumed].
   */
  clientName: string;
  baseUrl: string;
};

export type AnnexSegment = {
  segmentId: string;
  name: string | null;
  type: string | null;
  fromDate: string | null;
  toDate: string | null;
  status: string | null;
  externalId: string | null;
  externalName: string | null;
};

/** One loyalty action of a member, as Annex Cloud reports it. */
export type AnnexActivity = {
  activityId: string;
  /** Annex Cloud's name of the action, e.g. "Points Earned" [assumed wording]. */
  activity: string;
  occurredAt: Date;
  points: string | null;
  balance: string | null;
  rewardName: string | null;
  tier: string | null;
};

// A token lives for one request; a few minutes absorb clock skew between us and Annex Cloud.
const TOKEN_LIFETIME_SECONDS = 300;

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/**
 * HS256 JWT per §A.1. `hmac` is the HMAC-SHA256 of the exact JSON body sent (or of the URL
 * parameters on GET), keyed with the shared secret, hex-encoded [assumed: the docs do not say
 * hex or base64].
 */
export function loyaltyApiToken(
  settings: Pick<AnnexSettings, "siteId" | "sharedSecret" | "clientName">,
  signedContent: string,
  now = Date.now(),
): string {
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const claims: AccessTokenClaims = {
    sub: settings.clientName,
    exp: Math.floor(now / 1000) + TOKEN_LIFETIME_SECONDS,
    site_id: settings.siteId,
    hmac: createHmac("sha256", settings.sharedSecret).update(signedContent).digest("hex"),
  };
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac("sha256", settings.sharedSecret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

function describeError(status: number, body: unknown): { code: string | null; message: string } {
  const parsed = errorBody.safeParse(body);
  const said = parsed.success
    ? (parsed.data.errorMessage?.trim().replace(/\.$/, "") ?? "")
    : typeof body === "string"
      ? body.trim()
      : "";
  const code = parsed.success ? parsed.data.errorCode : null;
  const what = `Annex Cloud answered ${code ? `${code} (HTTP ${status})` : `HTTP ${status}`}${said ? `: ${said}` : ""}`;
  // How Annex Cloud refuses credentials is not documented [assumed 401/403].
  if (status === 401 || status === 403)
    return {
      code,
      message: `${what}. Check the Annex Cloud site id and loyalty token in the Attentive integration's settings.`,
    };
  if (status === 429)
    return { code, message: `${what}. Annex Cloud is limiting the request rate; try again in a moment.` };
  if (status >= 500) return { code, message: `${what}. Annex Cloud had a server error; try again later.` };
  return { code, message: `${what}.` };
}

/** A 2xx whose body carries `errorCode` is a failure all the same ([obs] in client code). */
function accepted<T extends object>(answer: T | z.output<typeof errorBody>): T {
  if (!("errorCode" in answer)) return answer;
  const { code, message } = describeError(200, answer);
  throw new VendorError("annex", "rejected", message, 200, code);
}

function toActivity(item: z.output<typeof activityItem>): AnnexActivity {
  const { activityId, activity, createdAt, points, balance, rewardName, tier } = item;
  return {
    activityId,
    activity,
    occurredAt: new Date(createdAt),
    points: points ?? null,
    balance: balance ?? null,
    rewardName: rewardName ?? null,
    tier: tier ?? null,
  };
}

export function createAnnexClient(settings: AnnexSettings, options: ClientOptions = {}) {
  const base = settings.baseUrl.replace(/\/+$/, "");

  /**
   * Creates a segment (POST /segment). Not retried after a 5xx or a timeout: Annex
   * Cloud may have created it, and a second try would make a duplicate.
   */
  async function createSegment(request: SegmentRequest): Promise<AnnexSegment> {
    // Signed and sent as the same string: the `hmac` claim covers these exact bytes.
    const body = JSON.stringify(request);
    const answer = await vendorFetch({
      vendor: "annex",
      url: `${base}/segment`,
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-annexcloud-site": settings.siteId,
        authorization: `Bearer ${loyaltyApiToken(settings, body)}`,
      },
      body,
      schema: segmentAnswer,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      idempotent: false,
      describeError,
    });
    const segment = accepted(answer);
    return {
      segmentId: segment.segmentId,
      name: segment.segmentName ?? null,
      type: segment.segmentType ?? null,
      fromDate: segment.segmentFromDate ?? null,
      toDate: segment.segmentToDate ?? null,
      status: segment.status ?? null,
      externalId: segment.externalId ?? null,
      externalName: segment.externalName ?? null,
    };
  }

  /**
   * A member's loyalty activity (GET /users/{id}/activity: [obs] with the email as the id; that
   * the member's Annex Cloud id works there too is [assumed], as users are keyed by it). A member
   * Annex Cloud does not know has none (404 [assumed]). The answer's `id` is the member's Annex
   * Cloud id [assumed], null when absent. Items without an id, a name or a readable date cannot
   * be matched or dated, so they are left out and counted.
   */
  async function getActivity(
    member: string,
  ): Promise<{ annexId: string | null; activities: AnnexActivity[]; unreadable: number }> {
    const key = member.trim();
    // The `hmac` of a GET covers its URL parameter: here the member's id or email [assumed].
    const request = vendorFetch({
      vendor: "annex",
      url: `${base}/users/${encodeURIComponent(key)}/activity`,
      headers: { "x-annexcloud-site": settings.siteId, authorization: `Bearer ${loyaltyApiToken(settings, key)}` },
      schema: activityAnswer,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      describeError,
    });
    const answer = await request.catch((error: unknown) => {
      if (error instanceof VendorError && error.status === 404) return { id: null, activityDetail: [] };
      throw error;
    });
    const found = accepted(answer);
    const items = (found.activityDetail ?? []).map((item) => activityItem.safeParse(item));
    const activities = items.flatMap((r) => (r.success ? [toActivity(r.data)] : []));
    return { annexId: found.id ?? null, activities, unreadable: items.length - activities.length };
  }

  return { createSegment, getActivity };
}

export type AnnexClient = ReturnType<typeof createAnnexClient>;
