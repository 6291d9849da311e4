import { createHmac, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { sendJson, type VendorFake } from "./server";

// Fake Salesforce org for test mode: the OAuth token endpoint (password and client credentials
// grants) and the REST calls the case sync makes: SOQL query, SOSL phone search, describe and
// create (Contact, Case, CaseComment, ContentVersion, ContentDocumentLink), with the documented
// bodies, error arrays and Bearer checks, and records kept in memory.

export const SALESFORCE_SANDBOX_CREDENTIALS = {
  consumerKey: "sandbox-key",
  consumerSecret: "sandbox-secret",
  username: "api@demo.switchboard.test",
  password: "sandbox-password",
  securityToken: "sandbox-token",
} as const;

export type SalesforceFake = VendorFake & {
  /** The API user's "Set Audit Fields upon Record Creation" permission (on by default). */
  setAuditFieldsPermission: (allowed: boolean) => void;
  /** Forgets every issued token, as a session timeout would: the next API call gets a 401. */
  expireTokens: () => void;
  /** Setup → "Allow OAuth Username-Password Flows"; when off the grant fails like a bad password. */
  allowPasswordFlow: (allowed: boolean) => void;
  /** Lets `calls` more API calls through, then forgets every token: a session expiring mid-run. */
  expireTokensAfter: (calls: number) => void;
  /** How many tokens the token endpoint has issued. */
  logins: () => number;
  /** The records of one sObject type, as stored (tests read what the adapter wrote). */
  records: (type: string) => Record<string, unknown>[];
  /** A contact already in the org, e.g. one whose phone the case sync should find. */
  addContact: (fields: { LastName: string; FirstName?: string; Phone?: string; MobilePhone?: string }) => string;
};

const ORG_ID = "00DSB0000000001EAA";
const API_LIMIT = 15_000;

type Row = Record<string, unknown> & { Id: string };
type SfError = { status: number; errorCode: string; message: string; fields?: string[] };

const tokenForm = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
});

// Settable only on insert and only with the audit-fields permission.
const auditFields = ["CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById"] as const;
const audit = {
  CreatedDate: z.iso.datetime({ offset: true }).optional(),
  CreatedById: z.string().optional(),
  LastModifiedDate: z.iso.datetime({ offset: true }).optional(),
  LastModifiedById: z.string().optional(),
};
const text = (max: number) => z.string().max(max).optional();

type Spec = {
  prefix: string;
  /** Fields the org fills in itself: queryable, never createable. */
  system: string[];
  /** Strict: a field outside it is INVALID_FIELD, as on a real org. Absent: not createable here. */
  body?: z.ZodObject;
  /** Lookup fields and the object they must point at. */
  references?: Record<string, string>;
  defaults?: (body: Record<string, unknown>, userId: string, count: number) => Record<string, unknown>;
};

const specs: Record<string, Spec> = {
  User: { prefix: "005", system: ["Name", "Username", "Email", "IsActive"] },
  ContentDocument: { prefix: "069", system: ["Title", "LatestPublishedVersionId"] },
  Contact: {
    prefix: "003",
    system: ["Name"],
    body: z.strictObject({
      LastName: z.string().min(1).max(80),
      FirstName: text(40),
      Phone: text(40),
      MobilePhone: text(40),
      Email: z.email().optional(),
      ...audit,
    }),
    defaults: (body) => ({ Name: [body.FirstName, body.LastName].filter(Boolean).join(" ") }),
  },
  Case: {
    prefix: "500",
    system: ["CaseNumber"],
    body: z.strictObject({
      Subject: text(255),
      Description: text(32_000),
      ContactId: text(18),
      OwnerId: text(18),
      Origin: text(255),
      Status: text(255),
      Priority: text(255),
      ...audit,
    }),
    references: { ContactId: "Contact", OwnerId: "User" },
    // CaseNumber is an auto-number; the org's display format is assumed 8 digits.
    defaults: (_body, userId, count) => ({
      CaseNumber: String(1000 + count).padStart(8, "0"),
      Status: "New",
      OwnerId: userId,
    }),
  },
  CaseComment: {
    prefix: "00a",
    system: [],
    body: z.strictObject({
      ParentId: z.string(),
      // The limit is 4,000 bytes, not characters.
      CommentBody: z
        .string()
        .refine((v) => Buffer.byteLength(v, "utf8") <= 4_000)
        .optional(),
      IsPublished: z.boolean().optional(),
      IsNotificationSelected: z.boolean().optional(),
      ...audit,
    }),
    references: { ParentId: "Case" },
    defaults: () => ({ IsPublished: false }),
  },
  ContentVersion: {
    prefix: "068",
    system: ["ContentDocumentId"],
    body: z.strictObject({
      Title: text(255),
      PathOnClient: z.string().min(1).max(500),
      // JSON uploads are limited to 37.5 MB of base64 [doc].
      VersionData: z.base64().max(37_500_000),
      FirstPublishLocationId: text(18),
      Description: text(1_000),
      ...audit,
    }),
    references: { FirstPublishLocationId: "Case" },
  },
  ContentDocumentLink: {
    prefix: "06A",
    system: [],
    body: z.strictObject({
      ContentDocumentId: z.string(),
      LinkedEntityId: z.string(),
      ShareType: z.enum(["V", "C", "I"]).optional(),
      Visibility: z.enum(["AllUsers", "InternalUsers", "SharedUsers"]).optional(),
    }),
    references: { ContentDocumentId: "ContentDocument", LinkedEntityId: "Case" },
    defaults: () => ({ ShareType: "V", Visibility: "AllUsers" }),
  },
};

// SOSL, only the shape the adapter sends:
//   FIND {term} IN PHONE FIELDS RETURNING Contact(f1, f2) [LIMIT n]
// [assumed] phone search ignores formatting: "+39 333 123 4567" is found by 393331234567.
function parseSosl(sosl: string): { term: string; type: string; fields: string[]; limit: number | null } | null {
  const match =
    /^FIND\s+\{((?:[^}\\]|\\.)*)\}\s+IN\s+PHONE\s+FIELDS\s+RETURNING\s+(\w+)\s*\(([^)]*)\)(?:\s+LIMIT\s+(\d+))?\s*$/is.exec(
      sosl.trim(),
    );
  if (!match) return null;
  const [, term = "", type = "", fields = "", limit] = match;
  return {
    term: term.replace(/\\(.)/g, "$1"),
    type,
    fields: fields
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
    limit: limit === undefined ? null : Number(limit),
  };
}
const digits = (value: unknown) => (typeof value === "string" ? value.replace(/\D/g, "") : "");

const fieldsOf = (spec: Spec) => [
  ...new Set(["Id", ...spec.system, ...Object.keys(spec.body?.shape ?? {}), ...auditFields]),
];

/** Turns the first zod issue on a create body into Salesforce's error code and words. */
function createError(type: string, body: Record<string, unknown>, issue: z.core.$ZodIssue): SfError {
  const field = String(issue.path[0] ?? "");
  if (issue.code === "unrecognized_keys") {
    return {
      status: 400,
      errorCode: "INVALID_FIELD",
      message: `No such column '${issue.keys[0]}' on sobject of type ${type}`,
      fields: [],
    };
  }
  if (!(field in body))
    return {
      status: 400,
      errorCode: "REQUIRED_FIELD_MISSING",
      message: `Required fields are missing: [${field}]`,
      fields: [field],
    };
  if (issue.code === "too_big" || issue.code === "custom") {
    return { status: 400, errorCode: "STRING_TOO_LONG", message: `${field}: data value too large`, fields: [field] };
  }
  // [assumed] the code for a value of the wrong type or format.
  return {
    status: 400,
    errorCode: "INVALID_TYPE_ON_FIELD_IN_RECORD",
    message: `${field}: value not of required type: ${JSON.stringify(body[field])}`,
    fields: [field],
  };
}

// A deliberately small SOQL reader, for the shapes the adapter sends:
//   SELECT f1, f2 FROM Type [WHERE Field = 'text' | true | false [AND ...]] [LIMIT n]
// Anything else is MALFORMED_QUERY. Text comparisons ignore case, as SOQL's do.
type Query = { type: string; fields: string[]; where: [string, string | boolean][]; limit: number | null };

function parseSoql(soql: string): Query | null {
  const match = /^SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+LIMIT\s+(\d+))?\s*$/is.exec(soql.trim());
  if (!match) return null;
  const [, fieldList = "", type = "", whereClause = "", limit] = match;
  const where: Query["where"] = [];
  const condition = /^(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|true|false)\s*(?:AND\s+|$)/i;
  for (let rest = whereClause.trim(); rest;) {
    const found = condition.exec(rest);
    if (!found) return null;
    const [all, field = "", value = ""] = found;
    where.push([
      field,
      value.startsWith("'") ? value.slice(1, -1).replace(/\\(.)/g, "$1") : value.toLowerCase() === "true",
    ]);
    rest = rest.slice(all.length);
  }
  return {
    type,
    fields: fieldList.split(",").map((f) => f.trim()),
    where,
    limit: limit === undefined ? null : Number(limit),
  };
}

const matches = (actual: unknown, wanted: string | boolean) =>
  typeof wanted === "string"
    ? typeof actual === "string" && actual.toLowerCase() === wanted.toLowerCase()
    : actual === wanted;

export function salesforceFake(options: { batchSize?: number } = {}): SalesforceFake {
  // Salesforce's default query batch is 2,000 rows; tests lower it to exercise nextRecordsUrl.
  const batchSize = options.batchSize ?? 2_000;
  const tables = new Map<string, Row[]>(Object.keys(specs).map((type) => [type, []]));
  const tokens = new Map<string, string>(); // access token -> user id
  const cursors = new Map<string, object[]>(); // query locator -> all rows of that query
  let nextId = 1;
  let apiUsage = 0;
  let auditAllowed = true;
  let passwordFlowAllowed = true;
  let callsBeforeExpiry: number | null = null;
  let issued = 0;

  const newId = (prefix: string) => `${prefix}SB${String(nextId++).padStart(10, "0")}AAA`;
  const rows = (type: string) => tables.get(type) ?? [];
  const insert = (type: string, fields: Record<string, unknown>) => {
    const row: Row = { Id: newId(specs[type]?.prefix ?? "000"), ...fields };
    rows(type).push(row);
    return row;
  };
  const user = (username: string, name: string) =>
    insert("User", { Username: username, Email: username, Name: name, IsActive: true });
  const apiUser = user(SALESFORCE_SANDBOX_CREDENTIALS.username, "Switchboard API");
  user("customer@demo.switchboard.test", "WitiOp Customer");
  user("agent@demo.switchboard.test", "Agent Demo");
  // The demo workspace's people, so a conversation closed in the demo has a case owner.
  user("admin@demo.switchboard.test", "Ada Admin");
  user("marketer@demo.switchboard.test", "Mark Marketer");

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    apiUsage += 1;
    sendJson(res, status, body, { "sforce-limit-info": `api-usage=${apiUsage}/${API_LIMIT}` });
  };
  const fail = (res: ServerResponse, { status, errorCode, message, fields }: SfError) =>
    reply(res, status, [{ message, errorCode, ...(fields ? { fields } : {}) }]);
  const notFound: SfError = { status: 404, errorCode: "NOT_FOUND", message: "The requested resource does not exist" };

  function token(req: IncomingMessage, res: ServerResponse, body: string) {
    const oauthFail = (error: string, description: string) =>
      sendJson(res, 400, { error, error_description: description });
    const isForm = (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
    const form = tokenForm.parse(isForm ? Object.fromEntries(new URLSearchParams(body)) : {});
    if (form.grant_type !== "password" && form.grant_type !== "client_credentials")
      return oauthFail("unsupported_grant_type", "grant type not supported");
    if (form.client_id !== SALESFORCE_SANDBOX_CREDENTIALS.consumerKey)
      return oauthFail("invalid_client_id", "client identifier invalid");
    if (form.client_secret !== SALESFORCE_SANDBOX_CREDENTIALS.consumerSecret)
      return oauthFail("invalid_client", "invalid client credentials");
    const { username, password, securityToken } = SALESFORCE_SANDBOX_CREDENTIALS;
    // The password grant wants the security token appended to the password.
    const passwordOk = form.username === username && form.password === `${password}${securityToken}`;
    if (form.grant_type === "password" && !(passwordFlowAllowed && passwordOk))
      return oauthFail("invalid_grant", "authentication failure");
    // Client credentials run as the connected app's "Run As" user: here, the API user.
    const accessToken = `${ORG_ID.slice(0, 15)}!${randomBytes(24).toString("base64url")}`;
    issued += 1;
    tokens.set(accessToken, apiUser.Id);
    const host = req.headers.host ?? "127.0.0.1";
    const id = `http://${host}/salesforce/id/${ORG_ID}/${apiUser.Id}`;
    const issuedAt = String(Date.now());
    sendJson(res, 200, {
      access_token: accessToken,
      instance_url: `http://${host}/salesforce`,
      id,
      token_type: "Bearer",
      issued_at: issuedAt,
      signature: createHmac("sha256", SALESFORCE_SANDBOX_CREDENTIALS.consumerSecret)
        .update(id + issuedAt)
        .digest("base64"),
    });
  }

  /** The first page of a result, keeping the rest behind a query locator. */
  function page(res: ServerResponse, dataPath: string, all: object[], locator: string, offset: number) {
    const end = offset + batchSize;
    const done = end >= all.length;
    reply(res, 200, {
      totalSize: all.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `${dataPath}/query/${locator}-${end}` }),
      records: all.slice(offset, end),
    });
  }

  function query(res: ServerResponse, dataPath: string, soql: string) {
    const parsed = parseSoql(soql);
    if (!parsed)
      return fail(res, { status: 400, errorCode: "MALFORMED_QUERY", message: `unexpected token in: ${soql}` });
    const type = Object.keys(specs).find((t) => t.toLowerCase() === parsed.type.toLowerCase());
    const spec = type ? specs[type] : undefined;
    if (!type || !spec)
      return fail(res, {
        status: 400,
        errorCode: "INVALID_TYPE",
        message: `sObject type '${parsed.type}' is not supported.`,
      });
    const known = fieldsOf(spec);
    const canonical = (name: string) => known.find((f) => f.toLowerCase() === name.toLowerCase());
    const unknown = [...parsed.fields, ...parsed.where.map(([f]) => f)].find((f) => !canonical(f));
    if (unknown)
      return fail(res, {
        status: 400,
        errorCode: "INVALID_FIELD",
        message: `No such column '${unknown}' on entity '${type}'.`,
      });

    const selected = rows(type)
      .filter((row) => parsed.where.every(([field, value]) => matches(row[canonical(field) ?? field], value)))
      .slice(0, parsed.limit ?? undefined)
      .map((row) => ({
        attributes: { type, url: `${dataPath}/sobjects/${type}/${row.Id}` },
        ...Object.fromEntries(parsed.fields.map((f) => canonical(f) ?? f).map((f) => [f, row[f] ?? null])),
      }));
    const locator = `01gSB${String(nextId++).padStart(13, "0")}`;
    if (selected.length > batchSize) cursors.set(locator, selected);
    page(res, dataPath, selected, locator, 0);
  }

  function search(res: ServerResponse, dataPath: string, sosl: string) {
    const parsed = parseSosl(sosl);
    if (!parsed)
      return fail(res, { status: 400, errorCode: "MALFORMED_SEARCH", message: `unexpected token in: ${sosl}` });
    const type = Object.keys(specs).find((t) => t.toLowerCase() === parsed.type.toLowerCase());
    if (type !== "Contact")
      return fail(res, {
        status: 400,
        errorCode: "INVALID_TYPE",
        message: `sObject type '${parsed.type}' is not supported in this search.`,
      });
    const wanted = digits(parsed.term);
    const found =
      wanted.length < 3
        ? []
        : rows(type).filter((row) => digits(row.Phone) === wanted || digits(row.MobilePhone) === wanted);
    const known = fieldsOf(specs[type] as Spec);
    const canonical = (name: string) => known.find((f) => f.toLowerCase() === name.toLowerCase()) ?? name;
    reply(res, 200, {
      searchRecords: found.slice(0, parsed.limit ?? undefined).map((row) => ({
        attributes: { type, url: `${dataPath}/sobjects/${type}/${row.Id}` },
        ...Object.fromEntries(parsed.fields.map(canonical).map((f) => [f, row[f] ?? null])),
      })),
    });
  }

  /** The record page a case link opens: enough for a person to see the case and its comments. */
  function recordPage(res: ServerResponse, type: string, id: string) {
    const row = rows(type).find((r) => r.Id === id);
    if (!row) return sendJson(res, 404, { error: "no such record" });
    const comments = type === "Case" ? rows("CaseComment").filter((c) => c.ParentId === id) : [];
    sendJson(res, 200, { ...row, comments });
  }

  function describe(res: ServerResponse, type: string) {
    const spec = specs[type];
    if (!spec) return fail(res, notFound);
    const writable = Object.keys(spec.body?.shape ?? {});
    const isAudit = (f: string) => (auditFields as readonly string[]).includes(f);
    reply(res, 200, {
      name: type,
      createable: Boolean(spec.body),
      fields: fieldsOf(spec).map((name) => ({
        name,
        // Audit fields are createable exactly when the running user holds the permission.
        createable: isAudit(name) ? auditAllowed : writable.includes(name),
        updateable: writable.includes(name) && !isAudit(name),
      })),
    });
  }

  function create(res: ServerResponse, type: string, userId: string, raw: string) {
    const spec = specs[type];
    if (!spec) return fail(res, notFound);
    if (!spec.body)
      return fail(res, {
        status: 400,
        errorCode: "INVALID_TYPE",
        message: `The sandbox does not create ${type} records`,
        fields: [],
      });
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return fail(res, { status: 400, errorCode: "JSON_PARSER_ERROR", message: "The request body is not valid JSON" });
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      return fail(res, {
        status: 400,
        errorCode: "JSON_PARSER_ERROR",
        message: `Cannot deserialize instance of ${type} from the request body`,
      });
    }
    const body = json as Record<string, unknown>;
    const parsed = spec.body.safeParse(body);
    if (!parsed.success) return fail(res, createError(type, body, parsed.error.issues[0] as z.core.$ZodIssue));
    const fields = parsed.data;

    // [assumed exact code] audit fields without the permission; the message is Salesforce's.
    const setAudit = auditFields.filter((f) => f in fields);
    if (setAudit.length && !auditAllowed) {
      return fail(res, {
        status: 400,
        errorCode: "INVALID_FIELD_FOR_INSERT_UPDATE",
        message: `Unable to create/update fields: ${setAudit.join(", ")}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        fields: setAudit,
      });
    }
    const references = { ...spec.references, CreatedById: "User", LastModifiedById: "User" };
    const broken = Object.entries(references).find(
      ([field, target]) => field in fields && !rows(target).some((r) => r.Id === fields[field]),
    );
    if (broken)
      return fail(res, {
        status: 400,
        errorCode: "INVALID_CROSS_REFERENCE_KEY",
        message: `invalid cross reference id`,
        fields: [broken[0]],
      });

    const now = new Date().toISOString();
    const row = insert(type, {
      CreatedById: userId,
      CreatedDate: now,
      LastModifiedById: userId,
      LastModifiedDate: now,
      ...spec.defaults?.(fields, userId, rows(type).length + 1),
      ...fields,
    });
    // A new version makes its ContentDocument, linked to FirstPublishLocationId when given.
    if (type === "ContentVersion") {
      const document = insert("ContentDocument", {
        Title: fields.Title ?? fields.PathOnClient,
        LatestPublishedVersionId: row.Id,
      });
      row.ContentDocumentId = document.Id;
      if (typeof fields.FirstPublishLocationId === "string")
        insert("ContentDocumentLink", {
          ContentDocumentId: document.Id,
          LinkedEntityId: fields.FirstPublishLocationId,
          ShareType: "I",
          Visibility: "AllUsers",
        });
    }
    reply(res, 201, { id: row.Id, success: true, errors: [] });
  }

  return {
    name: "salesforce",
    setAuditFieldsPermission: (allowed) => {
      auditAllowed = allowed;
    },
    expireTokens: () => tokens.clear(),
    allowPasswordFlow: (allowed) => {
      passwordFlowAllowed = allowed;
    },
    expireTokensAfter: (calls) => {
      callsBeforeExpiry = calls;
    },
    logins: () => issued,
    records: (type) => rows(type).map((r) => ({ ...r })),
    addContact: (fields) =>
      insert("Contact", { ...fields, Name: [fields.FirstName, fields.LastName].filter(Boolean).join(" ") }).Id,
    handle(req, res, path, body) {
      const url = new URL(path, "http://salesforce.fake");
      if (url.pathname === "/services/oauth2/token" && req.method === "POST") return token(req, res, body);
      // [assumed] any vNN.0 is served alike; a real org answers 410 for retired versions.
      const view = /^\/lightning\/r\/(\w+)\/(\w+)\/view$/.exec(url.pathname);
      if (view && req.method === "GET") return recordPage(res, view[1] ?? "", view[2] ?? "");
      const api = /^(\/services\/data\/v\d{2}\.0)(\/.*)$/.exec(url.pathname);
      if (!api) return fail(res, notFound);
      if (callsBeforeExpiry !== null && callsBeforeExpiry-- <= 0) {
        callsBeforeExpiry = null;
        tokens.clear();
      }
      const [, dataPath = "", rest = ""] = api;

      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      const userId = bearer ? tokens.get(bearer) : undefined;
      if (!userId) return reply(res, 401, [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);

      if (rest === "/query" && req.method === "GET") return query(res, dataPath, url.searchParams.get("q") ?? "");
      if (rest === "/search" && req.method === "GET") return search(res, dataPath, url.searchParams.get("q") ?? "");
      const more = /^\/query\/(01g\w+)-(\d+)$/.exec(rest);
      if (more && req.method === "GET") {
        const [, locator = "", offset = "0"] = more;
        const all = cursors.get(locator);
        if (!all)
          return fail(res, { status: 400, errorCode: "INVALID_QUERY_LOCATOR", message: "invalid query locator" });
        return page(res, dataPath, all, locator, Number(offset));
      }
      const sobject = /^\/sobjects\/(\w+)(\/describe)?$/.exec(rest);
      if (sobject?.[2] && req.method === "GET") return describe(res, sobject[1] ?? "");
      if (sobject && !sobject[2] && req.method === "POST") return create(res, sobject[1] ?? "", userId, body);
      return fail(res, notFound);
    },
  };
}
