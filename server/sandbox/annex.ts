import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { ATTENTIVE_SANDBOX_CREDENTIALS } from "./attentive";
import { parseBody, sendJson, type VendorFake } from "./server";

// Fake Annex Cloud Loyalty API v3, after §A.4 of docs/vendors/annex-lytics.md: the site header and
// a per-request HS256 JWT are required, and POST /segment is validated and echoed. What the notes
// mark [assumed] is lenient or marked so here: the error codes other than AC1001, the HTTP status
// of errors (400, 401 for credentials), and the `hmac` claim's encoding (checked only when asked).
// GET /users/{id}/activity serves the loyalty actions added with addActivity (or, from the demo
// and e2e, POST /_control/annex/activity). Its item fields, its `id` (the member's Annex Cloud id),
// that the path takes that id or the member's email, and its 404 for an unknown member are
// [assumed] (the notes only name `activityDetail[]` and /users/{email}). Members are added with
// their actions, or in bulk (addMembers, POST /_control/annex/members) for the loyalty bench.

/**
 * The sandbox site. It is the Annex Cloud site of the sandbox Attentive integration (an
 * Attentive integration carries the Annex site id and loyalty token), so the demo workspace's
 * Attentive integration can push segments here; the loyalty token is the site's shared secret.
 */
export const ANNEX_SANDBOX_CREDENTIALS = {
  siteId: ATTENTIVE_SANDBOX_CREDENTIALS.annexSiteId,
  sharedSecret: ATTENTIVE_SANDBOX_CREDENTIALS.loyaltyToken,
} as const;

/** A segment the fake accepted, for tests to look at. */
export type PushedSegment = {
  segmentId: number;
  siteId: string;
  name: string;
  type: "Current Data" | "Past Data";
  fromDate: string | null;
  toDate: string | null;
  members: string[];
  status: "ACTIVE" | "INACTIVE";
  externalId: string;
  externalName: string;
};

export type AnnexError = { errorCode: string; errorMessage: string };

/** One item of a member's `activityDetail`, as the fake serves it. */
export type LoyaltyActivity = {
  activityId: number;
  activity: string;
  createdAt: string;
  points?: number;
  balance?: number;
  rewardName?: string;
  tier?: string;
};

export type AnnexFake = VendorFake & {
  segments: PushedSegment[];
  /** Check the JWT's `hmac` claim against the body (hex HMAC-SHA256, [assumed]); off by default. */
  strictHmac: boolean;
  /** The next POST /segment answers this error (with this HTTP status, 400 by default) instead. */
  failNextSegment: (error: AnnexError, status?: number) => void;
  /**
   * Records a loyalty action of the member with this email or Annex Cloud id (now, unless
   * `createdAt` says when); a member not known yet is added. Returns the action.
   */
  addActivity: (
    member: string,
    activity: Omit<LoyaltyActivity, "activityId" | "createdAt"> & { createdAt?: Date },
  ) => LoyaltyActivity;
  /** Adds members without actions; one without an id gets one. Returns their ids. */
  addMembers: (members: { id?: string; email?: string }[]) => string[];
  /** Activity reads per member id, for tests to see who was read and how often. */
  reads: Map<string, number>;
};

const memberKey = z.string().trim().min(1).max(200);
const membersControlSchema = z.object({
  members: z
    .array(z.object({ id: memberKey.optional(), email: z.email().optional() }))
    .min(1)
    .max(10_000),
});
const activityControlSchema = z.object({
  email: z.email().optional(),
  id: memberKey.optional(),
  activity: z.string().trim().min(1),
  points: z.number().int().optional(),
  balance: z.number().int().optional(),
  rewardName: z.string().optional(),
  tier: z.string().optional(),
});

/** Annex Cloud's date format, yyyy-MM-dd'T'HH:mm:ssZ. */
const annexDate = (at: Date) => `${at.toISOString().slice(0, 19)}+0000`;

const sites = new Map<string, string>([[ANNEX_SANDBOX_CREDENTIALS.siteId, ANNEX_SANDBOX_CREDENTIALS.sharedSecret]]);

// AC1001 is the sample error of Annex Cloud's segment API; the others are ours [assumed].
const SOMETHING_WENT_WRONG: AnnexError = { errorCode: "AC1001", errorMessage: "Oops! Something went wrong." };
const invalid = (errorMessage: string): AnnexError => ({ errorCode: "AC1002", errorMessage });
const unauthorised = (errorMessage: string): AnnexError => ({ errorCode: "AC1003", errorMessage });

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be in yyyy-mm-dd format")
  .refine((v) => {
    const day = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(v);
  }, "is not a calendar date");

const segmentSchema = z.object({
  name: z.string().trim().min(1, "is required"),
  type: z.enum(["Current Data", "Past Data"], { error: 'must be "Current Data" or "Past Data"' }),
  fromDate: calendarDate.optional(),
  toDate: calendarDate.optional(),
  member: z.string({ error: "is required" }),
  status: z.enum(["ACTIVE", "INACTIVE"], { error: 'must be "ACTIVE" or "INACTIVE"' }),
  externalId: z.string().optional(),
  externalName: z.string().optional(),
});

const hmacHex = (secret: string, content: string) => createHmac("sha256", secret).update(content).digest("hex");

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function annexFake(): AnnexFake {
  const segments: PushedSegment[] = [];
  let nextSegmentId = 101;
  let forced: { error: AnnexError; status: number } | null = null;
  // Members by Annex Cloud id, each with their actions, oldest first; and their ids by lower-cased email.
  type Member = { id: string; email: string | null; activities: LoyaltyActivity[] };
  const members = new Map<string, Member>();
  const idsByEmail = new Map<string, string>();
  const reads = new Map<string, number>();
  let nextActivityId = 9001;
  let nextMemberId = 700_001;

  /** The member an id or email names (an email matched without regard to case), or undefined. */
  function find(key: string): Member | undefined {
    const trimmed = key.trim();
    return members.get(trimmed) ?? members.get(idsByEmail.get(trimmed.toLowerCase()) ?? "");
  }

  function add({ id, email }: { id?: string; email?: string }): Member {
    const known = find(id ?? email ?? "");
    if (known) return known;
    const member: Member = {
      id: id ?? String(nextMemberId++),
      email: email?.trim().toLowerCase() ?? null,
      activities: [],
    };
    members.set(member.id, member);
    if (member.email) idsByEmail.set(member.email, member.id);
    return member;
  }

  /** Why the request's credentials are refused, or null when they are good. */
  function refusal(req: IncomingMessage, body: string, strictHmac: boolean): string | null {
    const siteId = req.headers["x-annexcloud-site"];
    if (typeof siteId !== "string" || !siteId) return "The X-AnnexCloud-Site header is required";
    const secret = sites.get(siteId);
    if (!secret) return `Unknown site id ${siteId}`;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!token) return "An access token (Authorization: Bearer) is required";
    const [header = "", payload = "", signature = ""] = token.split(".");
    if (decodePart(header)?.alg !== "HS256") return "The access token must be signed with HS256";
    if (!sameText(signature, createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url")))
      return "The access token signature does not match the site's secret";
    const claims = decodePart(payload);
    if (!claims) return "The access token payload is not readable";
    if (claims.site_id !== siteId) return "The access token's site_id does not match X-AnnexCloud-Site";
    if (typeof claims.sub !== "string" || !claims.sub) return "The access token has no sub (client name)";
    if (typeof claims.exp !== "number" || claims.exp * 1000 <= Date.now()) return "The access token has expired";
    if (typeof claims.hmac !== "string" || !claims.hmac) return "The access token has no hmac";
    if (strictHmac && !sameText(claims.hmac, hmacHex(secret, body)))
      return "The access token's hmac does not match the request body";
    return null;
  }

  function createSegment(res: ServerResponse, siteId: string, body: string) {
    if (forced) {
      const { error, status } = forced;
      forced = null;
      return sendJson(res, status, error);
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return sendJson(res, 400, SOMETHING_WENT_WRONG);
    }
    const parsed = segmentSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendJson(res, 400, invalid(`${issue?.path.join(".") || "body"} ${issue?.message ?? "is invalid"}`));
    }
    const request = parsed.data;
    if (request.type === "Past Data" && (!request.fromDate || !request.toDate))
      return sendJson(res, 400, invalid("fromDate and toDate are required for Past Data"));
    if (request.fromDate && request.toDate && request.fromDate > request.toDate)
      return sendJson(res, 400, invalid("fromDate must not be after toDate"));
    const members = request.member.split(",").filter((m) => m !== "");
    const notEmail = members.find((m) => !/^[^\s@,]+@[^\s@,]+$/.test(m));
    if (notEmail !== undefined) return sendJson(res, 400, invalid(`member ${notEmail} is not an email address`));
    const segment: PushedSegment = {
      segmentId: nextSegmentId++,
      siteId,
      name: request.name,
      type: request.type,
      fromDate: request.fromDate ?? null,
      toDate: request.toDate ?? null,
      members,
      status: request.status,
      externalId: request.externalId ?? "",
      externalName: request.externalName ?? "",
    };
    segments.push(segment);
    // The echo Annex Cloud documents, dates in yyyy-MM-dd'T'HH:mm:ssZ (the day's start and 23:59).
    sendJson(res, 200, {
      segmentId: segment.segmentId,
      segmentName: segment.name,
      segmentType: segment.type,
      segmentFromDate: segment.fromDate ? `${segment.fromDate}T00:00:00+0000` : null,
      segmentToDate: segment.toDate ? `${segment.toDate}T23:59:00+0000` : null,
      member: members.join(","),
      status: segment.status,
      externalId: segment.externalId,
      externalName: segment.externalName,
    });
  }

  const fake: AnnexFake = {
    name: "annex",
    segments,
    strictHmac: false,
    failNextSegment(error, status = 400) {
      forced = { error, status };
    },
    reads,
    addActivity(key, { createdAt, ...details }) {
      const activity: LoyaltyActivity = {
        activityId: nextActivityId++,
        createdAt: annexDate(createdAt ?? new Date()),
        ...details,
      };
      (find(key) ?? add(key.includes("@") ? { email: key } : { id: key.trim() })).activities.push(activity);
      return activity;
    },
    addMembers: (list) => list.map((m) => add(m).id),
    /**
     * POST /_control/annex/activity {email or id, activity, points?, ...}: a member acts in Annex Cloud.
     * POST /_control/annex/members {members: [{id?, email?}]}: members join, without actions.
     * GET /_control/annex/reads: how many members had their activity read, in how many reads.
     */
    control(req: IncomingMessage, res: ServerResponse, path: string, body: string) {
      if (req.method === "GET" && path === "/reads") {
        const counts = [...reads.values()];
        return sendJson(res, 200, {
          members: counts.length,
          reads: counts.reduce((sum, n) => sum + n, 0),
          readMoreThanOnce: counts.filter((n) => n > 1).length,
        });
      }
      if (req.method === "POST" && path === "/members") {
        const input = parseBody(res, membersControlSchema, body);
        if (input) sendJson(res, 201, { ids: fake.addMembers(input.members) });
        return;
      }
      if (req.method !== "POST" || path !== "/activity")
        return sendJson(res, 404, {
          error:
            "unknown control path: POST /_control/annex/activity records a loyalty action, POST /_control/annex/members adds members, GET /_control/annex/reads counts reads",
        });
      const input = parseBody(res, activityControlSchema, body);
      if (!input) return;
      const { email, id, ...details } = input;
      const key = id ?? email;
      if (!key) return sendJson(res, 400, { error: "activity needs the member's email or id" });
      sendJson(res, 201, { activity: fake.addActivity(key, details) });
    },
    handle(req: IncomingMessage, res: ServerResponse, path: string, body: string) {
      const url = new URL(path, "http://annex.sandbox");
      const param = /^\/users\/([^/]+)\/activity$/.exec(url.pathname)?.[1];
      if (req.method === "GET" && param) {
        const key = decodeURIComponent(param);
        // A GET's hmac covers its URL parameter, the member's id or email [assumed].
        const refused = refusal(req, key, fake.strictHmac);
        if (refused) return sendJson(res, 401, unauthorised(refused));
        const member = find(key);
        if (!member) return sendJson(res, 404, { errorCode: "AC1005", errorMessage: `User ${key} not found` });
        reads.set(member.id, (reads.get(member.id) ?? 0) + 1);
        return sendJson(res, 200, { id: member.id, email: member.email, activityDetail: member.activities });
      }
      if (req.method !== "POST" || url.pathname !== "/segment")
        return sendJson(res, 404, { errorCode: "AC1004", errorMessage: "Not found" });
      const refused = refusal(req, body, fake.strictHmac);
      if (refused) return sendJson(res, 401, unauthorised(refused));
      createSegment(res, req.headers["x-annexcloud-site"] as string, body);
    },
  };
  return fake;
}
