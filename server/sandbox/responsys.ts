import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import ssh2, { type Attributes, type Connection, type SFTPWrapper } from "ssh2";
import { z } from "zod";
import { generateSshKey } from "./host-key";
import { sendJson, type VendorFake } from "./server";

// Fake Oracle Responsys, after §1–3 and §5 of docs/vendors/responsys.md: the REST login and
// list merge (a VendorFake), and an SFTP server (startResponsysSftp) for file transfers.
// Where the notes say [assumed] (token and not-found error codes) the fake is lenient.

const { Server, utils } = ssh2;
const { STATUS_CODE, OPEN_MODE } = utils.sftp;

// A fixed demo key pair: the sandbox and the portal run in separate processes, and the demo
// workspace stores this private key in its SFTP integration.
const DEMO_SFTP_PRIVATE_KEY = `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz
c2gtZWQyNTUxOQAAACB5v3lae8D1jybQ/0wv4YW1e6pr50eYsqp2kYCfuyyaPgAA
AKCCqFONgqhTjQAAAAtzc2gtZWQyNTUxOQAAACB5v3lae8D1jybQ/0wv4YW1e6pr
50eYsqp2kYCfuyyaPgAAAEBsbFQ7yWArKi9DwzxwWYVpqQ5Xz0VosgwgmHbNpgTB
XXm/eVp7wPWPJtD/TC/hhbV7qmvnR5iyqnaRgJ+7LJo+AAAAHWRlbW9fc2Z0cEBz
d2l0Y2hib2FyZC1zYW5kYm94
-----END OPENSSH PRIVATE KEY-----`;
const DEMO_SFTP_PUBLIC_KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHm/eVp7wPWPJtD/TC/hhbV7qmvnR5iyqnaRgJ+7LJo+ demo_sftp@switchboard-sandbox";

// Generated once with openpgp (ECC curve25519Legacy, which every OpenPGP tool reads).
const DEMO_PGP_PRIVATE_KEY = `-----BEGIN PGP PRIVATE KEY BLOCK-----

xYYEawQYFBYJKwYBBAHaRw8BAQdA/7z+VhUb4wZ4eycCrSyBaWa5IA9Aef7/
Wg/wxYREYDj+CQMIP1cYIx6kkrrg7Z/ertv9KyKVTlkv4+++qoNmTRtK+TDd
G0Ael8CdFde58FvZsmmNoSCOBc/cZSn/8E30PLYnTgLGXGQfrkw9FBjgwdDo
os0yU3dpdGNoYm9hcmQgU2FuZGJveCA8cGdwQHNhbmRib3guc3dpdGNoYm9h
cmQudGVzdD7CwBMEExYKAIUFgmsEGBQDCwkHCRBItqT/tG1EhUUUAAAAAAAc
ACBzYWx0QG5vdGF0aW9ucy5vcGVucGdwanMub3JnFFmi1z/1ulFkN39uPT6K
BiMvRs4fq/jQtSOc87q7BrUFFQoIDgwEFgACAQIZAQKbAwIeARYhBBxct1nh
WnT+40qOoEi2pP+0bUSFAABH6gEA5B1VjH577uNbULnJtMjgGUQBdK+CCH7h
9Gvi/KAZErAA/AuKpVZ/kIdu/PS6lrBzyps7pjhssLCHA5pYmAegc3kNx4sE
awQYFBIKKwYBBAGXVQEFAQEHQGtR3A9fMyPhgLli1Fh3AJSLsSaEAwS+QPU6
OHibLlBHAwEIB/4JAwg5GljuP0GVf+CXVUbi0P6lvyt+cMxBMR3U7PRJ+MpJ
57FZYKVB6bs5kjShHAP9UKfz76uvqm6WHfwdKaPmNYo6THvMfvdaCfUZLOcO
ktH0wr4EGBYKAHAFgmsEGBQJEEi2pP+0bUSFRRQAAAAAABwAIHNhbHRAbm90
YXRpb25zLm9wZW5wZ3Bqcy5vcmdKHxkvYfv2U33t6dvjD43yEhKbdBqQzbr4
cDmjWWEDBAKbDBYhBBxct1nhWnT+40qOoEi2pP+0bUSFAABwdAEA0mHCDQUQ
EVygV4frP/r+1xfvTm4bvCl5Qst9b5Xq2EIBAPbCtZasfKLDyXQBqG8jz8d3
17p0MmXaXsrIS9PyKAIO
=8K+4
-----END PGP PRIVATE KEY BLOCK-----`;

export const RESPONSYS_SANDBOX_CREDENTIALS = {
  interact: { username: "demo_api_user", password: "sandbox-password" },
  sftp: { username: "demo_sftp", privateKey: DEMO_SFTP_PRIVATE_KEY, publicKey: DEMO_SFTP_PUBLIC_KEY },
  pgp: { privateKey: DEMO_PGP_PRIVATE_KEY, passphrase: "sandbox-passphrase" },
} as const;

// ---------------------------------------------------------------------------------------
// REST API

const API = "/rest/api/v1.3";
const MEMBERS_PATH = /^\/rest\/api\/v1\.3\/lists\/([^/]+)\/members$/;
const EXTENSIONS_PATH = /^\/rest\/api\/v1\.3\/lists\/([^/]+)\/listExtensions$/;
const EXTENSION_MEMBERS_PATH = /^\/rest\/api\/v1\.3\/lists\/([^/]+)\/listExtensions\/([^/]+)\/members$/;
const MEMBER_PATH = /^\/rest\/api\/v1\.3\/lists\/([^/]+)\/members\/([^/]+)$/;
const CAMPAIGN_EMAIL_PATH = /^\/rest\/api\/v1\.3\/campaigns\/([^/]+)\/email$/;
const LISTS_PATH = `${API}/lists`;
const CAMPAIGNS_PATH = `${API}/campaigns`;
// Not a Responsys path: what tests and the e2e specs read to see what the fake received.
const RECEIVED_PATH = "/_sandbox/received";
const extensionMatchColumns = [
  "RIID",
  "CUSTOMER_ID",
  "EMAIL_ADDRESS",
  "MOBILE_NUMBER",
  "EMAIL_MD5_HASH",
  "EMAIL_SHA256_HASH",
] as const;
// Campaigns the sandbox account has, for merge-and-trigger-email.
const CAMPAIGNS = ["Welcome_Email", "Weekly_Newsletter"];
const MAX_RECORDS = 200;
const matchColumns = [
  "RIID_",
  "CUSTOMER_ID_",
  "EMAIL_ADDRESS_",
  "MOBILE_NUMBER_",
  "EMAIL_MD5_HASH_",
  "EMAIL_SHA256_HASH_",
] as const;
const hashColumns = new Set<string>(["EMAIL_MD5_HASH_", "EMAIL_SHA256_HASH_"]);

const mergeRequest = z.object({
  recordData: z.object({
    fieldNames: z.array(z.string()).nullish(),
    records: z.array(z.array(z.string().nullable())),
    mapTemplateName: z.string().nullish(),
  }),
  mergeRule: z.object({
    insertOnNoMatch: z.boolean(),
    updateOnMatch: z.enum(["REPLACE_ALL", "NO_UPDATE"]),
    matchColumnName1: z.enum(matchColumns),
    matchColumnName2: z.enum(matchColumns).nullish(),
    // Obsolete per the docs: accepted and ignored.
    matchColumnName3: z.string().nullish(),
    matchOperator: z.enum(["NONE", "AND"]).nullish(),
    optinValue: z.string().nullish(),
    optoutValue: z.string().nullish(),
    htmlValue: z.string().nullish(),
    textValue: z.string().nullish(),
    rejectRecordIfChannelEmpty: z.string().nullish(),
    defaultPermissionStatus: z.enum(["OPTIN", "OPTOUT"]).nullish(),
  }),
});
type MergeRequest = z.infer<typeof mergeRequest>;

type Member = Record<string, string | null>;

function sendError(res: ServerResponse, status: number, errorCode: string, title: string, detail: string) {
  sendJson(res, status, { type: "", title, errorCode, detail, errorDetails: [] });
}

function seedLists(): Map<string, Member[]> {
  return new Map([
    [
      "CONTACTS",
      [
        {
          RIID_: "4094326",
          EMAIL_ADDRESS_: "ana@example.com",
          MOBILE_NUMBER_: "4917612345678",
          FIRST_NAME: "Ana",
          EMAIL_PERMISSION_STATUS_: "I",
        },
        {
          RIID_: "4094327",
          EMAIL_ADDRESS_: "bruno@example.com",
          MOBILE_NUMBER_: "5511987650001",
          FIRST_NAME: "Bruno",
          EMAIL_PERMISSION_STATUS_: "O",
        },
      ],
    ],
    ["LOYALTY_MEMBERS", []],
  ]);
}

/** An extension table made in Responsys by hand, for the job form's table picker. */
function seedExtensions(): Map<string, { fields: string[]; rows: Member[] }> {
  return new Map([["CONTACTS/Customer_Fields", { fields: ["FIRST_NAME", "COUNTRY"], rows: [] }]]);
}

/** One accepted call that wrote members: a list merge, an extension-table merge or a campaign trigger. */
export type ResponsysReceived = {
  kind: "list" | "extension" | "campaign" | "delete";
  /** The list, "list/table" for an extension table, or the campaign. */
  target: string;
  fieldNames: string[];
  records: (string | null)[][];
  at: string;
};

export type ResponsysFake = VendorFake & {
  /** Invalidates every issued token, as an expiry would; the next API call answers 401. */
  revokeTokens(): void;
  /** Every accepted write, oldest first (also GET /responsys/_sandbox/received). */
  received(): ResponsysReceived[];
  /** The members of a profile list (or "list/table" extension table) as the fake holds them. */
  members(name: string): Record<string, string | null>[];
};

/** @param options.tokenTtlMs token lifetime; Responsys's is 3 hours. */
export function responsysFake(options: { tokenTtlMs?: number } = {}): ResponsysFake {
  const tokenTtlMs = options.tokenTtlMs ?? 3 * 60 * 60 * 1000;
  const tokens = new Map<string, number>();
  const lists = seedLists();
  const extensions = seedExtensions();
  const received: ResponsysReceived[] = [];
  let nextRiid = 4094400;

  function record(kind: ResponsysReceived["kind"], target: string, fieldNames: string[], records: (string | null)[][]) {
    received.push({ kind, target, fieldNames, records, at: new Date().toISOString() });
  }

  function parseJson<T>(res: ServerResponse, schema: z.ZodType<T>, body: string): T | null {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      sendError(res, 400, "INVALID_REQUEST_CONTENT", "Invalid request content", "The request body is not JSON");
      return null;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    sendError(res, 400, "INVALID_REQUEST_CONTENT", "Invalid request content", z.prettifyError(parsed.error));
    return null;
  }

  function issueToken(req: IncomingMessage, res: ServerResponse) {
    const authToken = randomBytes(24).toString("base64url");
    const issuedAt = Date.now();
    tokens.set(authToken, issuedAt + tokenTtlMs);
    // Later calls go to endPoint: here, this sandbox as the client reached it.
    sendJson(res, 200, { authToken, issuedAt, endPoint: `http://${req.headers.host ?? "127.0.0.1"}/responsys` });
  }

  /** Authorization carries the raw token, no "Bearer"; the error codes are [assumed]. */
  function authorized(req: IncomingMessage, res: ServerResponse): boolean {
    const token = req.headers.authorization ?? "";
    const expiresAt = tokens.get(token);
    if (expiresAt !== undefined && expiresAt > Date.now()) return true;
    if (expiresAt !== undefined) {
      sendError(res, 401, "TOKEN_EXPIRED", "Token expired", "The authentication token has expired");
      return false;
    }
    const detail = token.startsWith("Bearer ")
      ? "Send the token itself as the Authorization header, without Bearer"
      : "Invalid authentication token";
    sendError(res, 401, "TOKEN_INVALID", "Invalid token", detail);
    return false;
  }

  function login(req: IncomingMessage, res: ServerResponse, url: URL, body: string) {
    if (url.searchParams.has("user_name") || url.searchParams.has("password")) {
      return sendError(
        res,
        400,
        "INVALID_PARAMETER",
        "Invalid request parameters",
        "Credentials must be sent in the request body, not the URL",
      );
    }
    if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
      return sendError(
        res,
        400,
        "INVALID_REQUEST_CONTENT",
        "Invalid request content",
        "Content-Type must be application/x-www-form-urlencoded",
      );
    }
    const form = new URLSearchParams(body);
    const authType = form.get("auth_type");
    if (authType === "token") return authorized(req, res) ? issueToken(req, res) : undefined;
    if (authType !== "password")
      return sendError(
        res,
        400,
        "INVALID_PARAMETER",
        "Invalid request parameters",
        "auth_type must be password or token",
      );
    const { username, password } = RESPONSYS_SANDBOX_CREDENTIALS.interact;
    if (form.get("user_name") !== username || form.get("password") !== password) {
      // The exact code for bad credentials is not in the notes [assumed].
      return sendError(res, 401, "AUTHENTICATION_FAILED", "Authentication failed", "Invalid user name or password");
    }
    issueToken(req, res);
  }

  /** The rule problems Responsys refuses the whole request for; null when it is acceptable. */
  function ruleProblem({ recordData, mergeRule }: MergeRequest): string | null {
    const fields = recordData.fieldNames ?? [];
    if (fields.length === 0) return "FieldList is null OR empty";
    if (recordData.records.length > MAX_RECORDS)
      return `Record count ${recordData.records.length} exceeds the limit of ${MAX_RECORDS}`;
    const keys = [mergeRule.matchColumnName1, mergeRule.matchColumnName2].filter(
      (k): k is (typeof matchColumns)[number] => Boolean(k),
    );
    const missing = keys.find((k) => !fields.includes(k));
    if (missing) return `Match column ${missing} is not in the field list`;
    if (mergeRule.insertOnNoMatch && keys.some((k) => hashColumns.has(k)))
      return "insertOnNoMatch must be false when matching on a hash column";
    return null;
  }

  /** Merges one record; returns its RIID or the MERGEFAILED text Responsys puts in its place. */
  function mergeRecord(
    members: Member[],
    fields: string[],
    values: (string | null)[],
    index: number,
    rule: MergeRequest["mergeRule"],
  ): string {
    const failed = (code: string, detail: string) => `MERGEFAILED: Record ${index} = ${code}: ${detail}`;
    if (values.length !== fields.length)
      return failed("INVALID_PARAMETER", `${values.length} values for ${fields.length} fields`);
    const record: Member = Object.fromEntries(fields.map((f, i) => [f, values[i] ?? null]));
    const email = record.EMAIL_ADDRESS_;
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      return failed("INVALID_PARAMETER", `Invalid email address ${email}`);
    const keys =
      rule.matchOperator === "AND" && rule.matchColumnName2
        ? [rule.matchColumnName1, rule.matchColumnName2]
        : [rule.matchColumnName1];
    const empty = keys.find((k) => !record[k]);
    if (empty) return failed("INVALID_PARAMETER", `${empty} is empty`);
    const found = members.find((m) => keys.every((k) => m[k]?.toLowerCase() === record[k]?.toLowerCase()));
    if (found) {
      if (rule.updateOnMatch === "REPLACE_ALL") Object.assign(found, record, { RIID_: found.RIID_ });
      return found.RIID_ ?? "";
    }
    // Not documented for the no-insert case [assumed].
    if (!rule.insertOnNoMatch) return failed("RECORD_NOT_FOUND", "No matching member and insertOnNoMatch is false");
    const riid = String(nextRiid++);
    // Responsys's own default permission is OPTOUT when the rule names none.
    const permission = rule.defaultPermissionStatus === "OPTIN" ? (rule.optinValue ?? "I") : (rule.optoutValue ?? "O");
    members.push({ EMAIL_PERMISSION_STATUS_: permission, ...record, RIID_: riid });
    return riid;
  }

  function mergeMembers(res: ServerResponse, listName: string, body: string) {
    const members = lists.get(listName);
    // The exact code for an unknown list is not in the notes [assumed].
    if (!members) return sendError(res, 404, "LIST_NOT_FOUND", "List not found", `List ${listName} not found`);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return sendError(res, 400, "INVALID_REQUEST_CONTENT", "Invalid request content", "The request body is not JSON");
    }
    const parsed = mergeRequest.safeParse(json);
    if (!parsed.success)
      return sendError(res, 400, "INVALID_REQUEST_CONTENT", "Invalid request content", z.prettifyError(parsed.error));
    const problem = ruleProblem(parsed.data);
    if (problem) return sendError(res, 400, "INVALID_PARAMETER", "Invalid request parameters", problem);
    const { recordData, mergeRule } = parsed.data;
    const fields = recordData.fieldNames ?? [];
    const records = recordData.records.map((values, index) => [mergeRecord(members, fields, values, index, mergeRule)]);
    record("list", listName, fields, recordData.records);
    // HTTP 200 even when rows failed: each row holds its RIID or its MERGEFAILED text.
    sendJson(res, 200, {
      recordData: { fieldNames: ["RIID_"], records, mapTemplateName: null },
      mergeRule,
      links: [{ rel: "self", href: `${API}/lists/${listName}/members`, method: "POST" }],
    });
  }

  function createExtension(res: ServerResponse, listName: string, body: string) {
    if (!lists.has(listName))
      return sendError(res, 404, "LIST_NOT_FOUND", "List not found", `List ${listName} not found`);
    const schema = z.object({
      profileExtension: z.object({ objectName: z.string().min(1), folderName: z.string().min(1) }),
      fields: z.array(z.object({ fieldName: z.string().min(1), fieldType: z.string() })),
    });
    const request = parseJson(res, schema, body);
    if (!request) return;
    const key = `${listName}/${request.profileExtension.objectName}`;
    if (extensions.has(key))
      return sendError(
        res,
        400,
        "OBJECT_ALREADY_EXISTS",
        "Object already exists",
        `Profile extension ${request.profileExtension.objectName} already exists`,
      );
    extensions.set(key, { fields: request.fields.map((f) => f.fieldName), rows: [] });
    sendJson(res, 200, {
      profileExtension: {
        objectName: request.profileExtension.objectName,
        folderName: request.profileExtension.folderName,
      },
      fields: request.fields,
    });
  }

  /**
   * PET merge (§3.2 of docs/vendors/responsys.md): keys without the underscore, rows joined to
   * the list by a list merge key.
   */
  function mergeExtension(res: ServerResponse, listName: string, tableName: string, body: string) {
    const members = lists.get(listName);
    const table = extensions.get(`${listName}/${tableName}`);
    if (!members || !table)
      return sendError(
        res,
        404,
        "PROFILE_EXTENSION_NOT_FOUND",
        "Profile extension not found",
        `Profile extension ${tableName} of list ${listName} not found`,
      );
    const schema = z.object({
      recordData: mergeRequest.shape.recordData,
      insertOnNoMatch: z.boolean(),
      updateOnMatch: z.enum(["REPLACE_ALL", "NO_UPDATE"]),
      matchColumnName1: z.string().nullish(),
      matchColumnName2: z.string().nullish(),
    });
    const request = parseJson(res, schema, body);
    if (!request) return;
    const key = request.matchColumnName1;
    if (!key || !(extensionMatchColumns as readonly string[]).includes(key))
      return sendError(res, 400, "INVALID_PARAMETER", "Invalid request parameters", "Match Column is null");
    const fields = request.recordData.fieldNames ?? [];
    if (request.recordData.records.length > MAX_RECORDS)
      return sendError(
        res,
        400,
        "INVALID_PARAMETER",
        "Invalid request parameters",
        `Record count exceeds the limit of ${MAX_RECORDS}`,
      );
    const listKey = `${key}_`;
    const results = request.recordData.records.map((values, index) => {
      const row: Member = Object.fromEntries(fields.map((f, i) => [f, values[i] ?? null]));
      const id = row[listKey] ?? row[key];
      const member = id ? members.find((m) => m[listKey]?.toLowerCase() === id.toLowerCase()) : undefined;
      if (!member)
        return [`MERGEFAILED: Record ${index} = RECORD_NOT_FOUND: No list member with ${listKey} ${id ?? "(empty)"}`];
      const existing = table.rows.find((r) => r.RIID_ === member.RIID_);
      if (existing && request.updateOnMatch === "REPLACE_ALL") Object.assign(existing, row);
      if (!existing) table.rows.push({ ...row, RIID_: member.RIID_ ?? null });
      return [member.RIID_ ?? ""];
    });
    record("extension", `${listName}/${tableName}`, fields, request.recordData.records);
    sendJson(res, 200, { recordData: { fieldNames: ["RIID_"], records: results, mapTemplateName: null }, links: [] });
  }

  /**
   * The listings the job form looks names up in; paths, paging (limit/offset) and bodies are
   * [assumed], so the adapter reads them leniently. A user without the permission is
   * simulated with an error4xx fault of status 403.
   */
  function listObjects(res: ServerResponse, url: URL) {
    const offset = Number(url.searchParams.get("offset") ?? 0) || 0;
    const limit = Number(url.searchParams.get("limit") ?? MAX_RECORDS) || MAX_RECORDS;
    const page = <T>(items: T[]) => items.slice(offset, offset + limit);
    if (url.pathname === LISTS_PATH)
      return sendJson(res, 200, page([...lists.keys()].map((name) => ({ name, folderName: "!MasterData" }))));
    if (url.pathname === CAMPAIGNS_PATH)
      return sendJson(res, 200, {
        campaigns: page(CAMPAIGNS.map((name, i) => ({ id: 310 + i, name, folderName: "Campaigns" }))),
        links: [],
      });
    const listName = decodeURIComponent(EXTENSIONS_PATH.exec(url.pathname)?.[1] ?? "");
    if (!lists.has(listName))
      return sendError(res, 404, "LIST_NOT_FOUND", "List not found", `List ${listName} not found`);
    const tables = [...extensions].filter(([key]) => key.startsWith(`${listName}/`));
    sendJson(
      res,
      200,
      page(tables).map(([key, table]) => ({
        profileExtension: { objectName: key.slice(listName.length + 1), folderName: "Lytics" },
        fields: table.fields.map((fieldName) => ({ fieldName, fieldType: "STR500" })),
      })),
    );
  }

  /** Error code and body for an unknown RIID are [assumed]. */
  function deleteMember(res: ServerResponse, listName: string, riid: string) {
    const members = lists.get(listName);
    if (!members) return sendError(res, 404, "LIST_NOT_FOUND", "List not found", `List ${listName} not found`);
    const index = members.findIndex((m) => m.RIID_ === riid);
    if (index === -1) return sendError(res, 404, "RECORD_NOT_FOUND", "Record not found", `No member with RIID ${riid}`);
    members.splice(index, 1);
    for (const [key, table] of extensions)
      if (key.startsWith(`${listName}/`)) table.rows = table.rows.filter((r) => r.RIID_ !== riid);
    record("delete", listName, ["RIID_"], [[riid]]);
    sendJson(res, 200, { recipientId: riid });
  }

  /**
   * Merge + trigger email (§3 of docs/vendors/responsys.md): merges into the campaign's list
   * (CONTACTS here), one result per recipient.
   */
  function triggerCampaign(res: ServerResponse, campaignName: string, body: string) {
    if (!CAMPAIGNS.includes(campaignName))
      return sendError(res, 404, "CAMPAIGN_NOT_FOUND", "Campaign not found", `Campaign ${campaignName} not found`);
    const schema = mergeRequest.extend({ triggerData: z.array(z.unknown()).nullish() });
    const request = parseJson(res, schema, body);
    if (!request) return;
    const problem = ruleProblem(request);
    if (problem) return sendError(res, 400, "INVALID_PARAMETER", "Invalid request parameters", problem);
    const members = lists.get("CONTACTS") ?? [];
    const fields = request.recordData.fieldNames ?? [];
    const results = request.recordData.records.map((values, index) => {
      const riid = mergeRecord(members, fields, values, index, request.mergeRule);
      return riid.startsWith("MERGEFAILED")
        ? { recipientId: null, success: false, errorMessage: riid }
        : { recipientId: Number(riid), success: true, errorMessage: null };
    });
    record("campaign", campaignName, fields, request.recordData.records);
    sendJson(res, 200, results);
  }

  return {
    name: "responsys",
    revokeTokens: () => tokens.clear(),
    received: () => [...received],
    members: (name) =>
      (name.includes("/") ? (extensions.get(name)?.rows ?? []) : (lists.get(name) ?? [])).map((m) => ({ ...m })),
    handle(req, res, rawPath, body) {
      const url = new URL(rawPath, "http://responsys.local");
      if (url.pathname === RECEIVED_PATH) {
        if (req.method === "DELETE") received.length = 0;
        return sendJson(res, 200, { received });
      }
      if (req.method === "POST" && url.pathname === `${API}/auth/token`) return login(req, res, url, body);
      if (
        req.method === "GET" &&
        (url.pathname === LISTS_PATH || url.pathname === CAMPAIGNS_PATH || EXTENSIONS_PATH.test(url.pathname))
      )
        return authorized(req, res) ? listObjects(res, url) : undefined;
      const member = MEMBER_PATH.exec(url.pathname);
      if (req.method === "DELETE" && member?.[1] && member[2]) {
        if (!authorized(req, res)) return;
        return deleteMember(res, decodeURIComponent(member[1]), decodeURIComponent(member[2]));
      }
      const extension =
        EXTENSION_MEMBERS_PATH.exec(url.pathname) ??
        EXTENSIONS_PATH.exec(url.pathname) ??
        CAMPAIGN_EMAIL_PATH.exec(url.pathname);
      if (req.method === "POST" && extension?.[1]) {
        if (!authorized(req, res)) return;
        if (extension[2])
          return mergeExtension(res, decodeURIComponent(extension[1]), decodeURIComponent(extension[2]), body);
        if (url.pathname.endsWith("/listExtensions"))
          return createExtension(res, decodeURIComponent(extension[1]), body);
        return triggerCampaign(res, decodeURIComponent(extension[1]), body);
      }
      const members = MEMBERS_PATH.exec(url.pathname);
      if (req.method === "POST" && members?.[1]) {
        if (!authorized(req, res)) return;
        return mergeMembers(res, decodeURIComponent(members[1]), body);
      }
      sendError(
        res,
        404,
        "RESOURCE_NOT_FOUND",
        "Resource not found",
        `No ${req.method} ${url.pathname} in this sandbox`,
      );
    },
  };
}

// ---------------------------------------------------------------------------------------
// SFTP server

type Entry = { kind: "dir" } | { kind: "file"; data: Buffer };

const HOME = "/";
// Responsys Connect activity export; file name and columns [assumed] after its usual layout.
const SAMPLE_ACTIVITY_FILE = "/upload/6607_OPEN_20261120_060000.txt";
const SAMPLE_ACTIVITY = [
  "EVENT_TYPE_ID,ACCOUNT_ID,LIST_ID,RIID,CUSTOMER_ID,EMAIL_ADDRESS,EVENT_CAPTURED_DT,EVENT_STORED_DT,CAMPAIGN_ID,LAUNCH_ID,EMAIL_FORMAT",
  "4,6607,1201,4094326,,ana@example.com,20-NOV-2026 05:41:07,20-NOV-2026 05:41:09,310,5501,H",
  "4,6607,1201,4094327,,bruno@example.com,20-NOV-2026 05:52:44,20-NOV-2026 05:52:45,310,5501,H",
  "",
].join("\n");
const MTIME = Date.UTC(2026, 10, 20, 6, 0, 0) / 1000;

function seedTree(): Map<string, Entry> {
  return new Map<string, Entry>([
    [HOME, { kind: "dir" }],
    ["/upload", { kind: "dir" }],
    [SAMPLE_ACTIVITY_FILE, { kind: "file", data: Buffer.from(SAMPLE_ACTIVITY) }],
  ]);
}

function attrsOf(entry: Entry): Attributes {
  const mode = entry.kind === "dir" ? 0o40755 : 0o100644;
  return {
    mode,
    uid: 1000,
    gid: 1000,
    size: entry.kind === "dir" ? 4096 : entry.data.length,
    atime: MTIME,
    mtime: MTIME,
  };
}

function longname(name: string, entry: Entry): string {
  const attrs = attrsOf(entry);
  return `${entry.kind === "dir" ? "drwxr-xr-x" : "-rw-r--r--"} 1 demo_sftp demo_sftp ${attrs.size} Nov 20 06:00 ${name}`;
}

/** Serves one SFTP session over the in-memory tree: listing and reading; writes are refused. */
function serveSftp(sftp: SFTPWrapper, tree: Map<string, Entry>) {
  const handles = new Map<number, { path: string; listed: boolean }>();
  let nextHandle = 0;
  const resolve = (p: string) => path.posix.resolve(HOME, p);
  const open = (p: string) => {
    const handle = Buffer.alloc(4);
    handle.writeUInt32BE(nextHandle);
    handles.set(nextHandle++, { path: p, listed: false });
    return handle;
  };
  const opened = (handle: Buffer) => (handle.length === 4 ? handles.get(handle.readUInt32BE(0)) : undefined);

  sftp
    .on("REALPATH", (id, p) => {
      const resolved = resolve(p);
      sftp.name(id, [{ filename: resolved, longname: resolved, attrs: attrsOf({ kind: "dir" }) }]);
    })
    .on("STAT", (id, p) => {
      const entry = tree.get(resolve(p));
      return entry ? sftp.attrs(id, attrsOf(entry)) : sftp.status(id, STATUS_CODE.NO_SUCH_FILE);
    })
    .on("LSTAT", (id, p) => {
      const entry = tree.get(resolve(p));
      return entry ? sftp.attrs(id, attrsOf(entry)) : sftp.status(id, STATUS_CODE.NO_SUCH_FILE);
    })
    .on("OPENDIR", (id, p) => {
      const resolved = resolve(p);
      const entry = tree.get(resolved);
      if (!entry) return sftp.status(id, STATUS_CODE.NO_SUCH_FILE);
      if (entry.kind !== "dir") return sftp.status(id, STATUS_CODE.FAILURE, "Not a directory");
      sftp.handle(id, open(resolved));
    })
    .on("READDIR", (id, handle) => {
      const dir = opened(handle);
      if (!dir) return sftp.status(id, STATUS_CODE.FAILURE);
      if (dir.listed) return sftp.status(id, STATUS_CODE.EOF);
      dir.listed = true;
      const children = [...tree].filter(([p]) => p !== dir.path && path.posix.dirname(p) === dir.path);
      sftp.name(
        id,
        children.map(([p, entry]) => {
          const filename = path.posix.basename(p);
          return { filename, longname: longname(filename, entry), attrs: attrsOf(entry) };
        }),
      );
    })
    .on("OPEN", (id, filename, flags) => {
      const resolved = resolve(filename);
      if (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT))
        return sftp.status(id, STATUS_CODE.PERMISSION_DENIED, "The sandbox SFTP folders are read-only");
      if (tree.get(resolved)?.kind !== "file") return sftp.status(id, STATUS_CODE.NO_SUCH_FILE);
      sftp.handle(id, open(resolved));
    })
    .on("READ", (id, handle, offset, length) => {
      const entry = tree.get(opened(handle)?.path ?? "");
      if (entry?.kind !== "file") return sftp.status(id, STATUS_CODE.FAILURE);
      if (offset >= entry.data.length) return sftp.status(id, STATUS_CODE.EOF);
      sftp.data(id, entry.data.subarray(offset, offset + length));
    })
    .on("FSTAT", (id, handle) => {
      const entry = tree.get(opened(handle)?.path ?? "");
      return entry ? sftp.attrs(id, attrsOf(entry)) : sftp.status(id, STATUS_CODE.FAILURE);
    })
    .on("CLOSE", (id, handle) => {
      const known = handle.length === 4 && handles.delete(handle.readUInt32BE(0));
      sftp.status(id, known ? STATUS_CODE.OK : STATUS_CODE.FAILURE);
    });
}

export type ResponsysSftp = {
  host: string;
  port: number;
  /** Adds (or replaces) a file, as Responsys Connect would drop an export; folders are created. */
  putFile: (filePath: string, data: string | Buffer) => void;
  close: () => Promise<void>;
};

/**
 * Starts the fake Responsys SFTP server: public-key login as the demo user only, a home
 * folder holding /upload with one sample activity file. Port 0 picks a free port.
 */
export async function startResponsysSftp(options: { port: number; host?: string }): Promise<ResponsysSftp> {
  const allowed = utils.parseKey(DEMO_SFTP_PUBLIC_KEY);
  if (allowed instanceof Error) throw allowed;
  const tree = seedTree();
  const connections = new Set<Connection>();
  const server = new Server({ hostKeys: [generateSshKey()] }, (client) => {
    connections.add(client);
    // A client that goes away mid-handshake must not take the sandbox down with it.
    client.on("error", () => client.end());
    client.on("close", () => connections.delete(client));
    client.on("authentication", (ctx) => {
      if (ctx.method !== "publickey" || ctx.username !== RESPONSYS_SANDBOX_CREDENTIALS.sftp.username)
        return ctx.reject(["publickey"]);
      if (ctx.key.algo !== allowed.type || !ctx.key.data.equals(allowed.getPublicSSH()))
        return ctx.reject(["publickey"]);
      // Without a signature the client only asks whether this key would do.
      if (ctx.signature && ctx.blob && allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true)
        return ctx.reject(["publickey"]);
      ctx.accept();
    });
    client.on("ready", () => {
      client.on("session", (acceptSession) => {
        acceptSession().on("sftp", (acceptSftp) => serveSftp(acceptSftp(), tree));
      });
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const putFile = (filePath: string, data: string | Buffer) => {
    const resolved = path.posix.resolve(HOME, filePath);
    for (let dir = path.posix.dirname(resolved); dir !== HOME; dir = path.posix.dirname(dir))
      tree.set(dir, { kind: "dir" });
    tree.set(resolved, { kind: "file", data: Buffer.isBuffer(data) ? data : Buffer.from(data) });
  };
  return {
    host,
    port: (server.address() as AddressInfo).port,
    putFile,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of connections) client.end();
        server.close(() => resolve());
      }),
  };
}
