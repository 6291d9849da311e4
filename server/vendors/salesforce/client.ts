import type { salesforceSettings } from "./settings";
/*
 * Salesforce REST adapter for the case sync (a case per closed conversation): OAuth token, SOQL,
 * describe, create.
 *
 * Why not jsforce: its OAuth2 class covers the username-password grant but has no client
 * credentials call (only a raw requestToken), and its HTTP layer brings its own retries (a
 * fixed status list, 500 ms base, Retry-After ignored) and a process-wide timeout (the
 * HTTP_TIMEOUT env var), so neither the per-client RetryPolicy nor timeoutMs could be honoured
 * and every error would need mapping back anyway. The few calls needed here are plain JSON, so
 * they go through vendorFetch like every other adapter.
 */
import type { z } from "zod";
import { VendorError, vendorFetch, type VendorErrorKind } from "../http";
import type { ClientOptions, ConnectionCheck, ConnectionResult, VendorConnection } from "../types";
import {
  apiErrors,
  caseCommentRecord,
  caseRecord,
  contactRecord,
  contentVersionRecord,
  createResponse,
  describeResponse,
  oauthError,
  queryPage,
  searchResponse,
  tokenResponse,
  userRecord,
  type SalesforceContact,
  type SalesforceUser,
} from "./wire";

/** baseUrl is the login host: loginUrl (or My Domain) in production, the sandbox in test mode. */
export type SalesforceSettings = z.output<typeof salesforceSettings> & { baseUrl: string };
export type SalesforceSession = { accessToken: string; instanceUrl: string };

/**
 * Where a client keeps its token between clients: the case sync builds one client per run, and
 * logging in for every closed conversation would spend an API login each time (and logins are
 * rate limited per user). The store is in memory: a token is a bearer secret, never persisted.
 */
export type SalesforceSessionStore = { get(): SalesforceSession | null; set(session: SalesforceSession | null): void };
export type SalesforceClientOptions = ClientOptions & { sessions?: SalesforceSessionStore };

export type SalesforceClient = VendorConnection & {
  /** Asks for a new token with the configured flow and caches it for the calls that follow. */
  login(): Promise<SalesforceSession>;
  /** Every record of a SOQL query (all pages), each validated by `record`. */
  query<T>(soql: string, record: z.ZodType<T>): Promise<T[]>;
  findUserByUsername(username: string): Promise<SalesforceUser | null>;
  findUserByEmail(email: string): Promise<SalesforceUser | null>;
  /** Whether the API user may set CaseComment.CreatedDate (and the other audit fields) on insert. */
  canSetAuditFields(): Promise<boolean>;
  /** Inserts one record and returns its id. */
  create(sobject: string, fields: Record<string, unknown>): Promise<string>;
  /** The current session (cached, else a new login): its instanceUrl is where record links point. */
  session(): Promise<SalesforceSession>;
  /**
   * Contacts whose Phone or MobilePhone is this number, tried as written (E.164), as digits
   * only, and as the national number: SOQL equality would only match the exact stored string,
   * SOSL's phone search is more tolerant of formatting.
   */
  findContactsByPhone(variants: string[]): Promise<SalesforceContact[]>;
  findCaseBySubject(subject: string): Promise<{ Id: string; CaseNumber: string } | null>;
  getCaseNumber(caseId: string): Promise<string>;
  listCaseComments(caseId: string): Promise<{ Id: string; CommentBody: string | null }[]>;
  /** Files whose first publish location is this record (FirstPublishLocationId). */
  listRecordFiles(recordId: string): Promise<{ Id: string; Title: string | null; Description: string | null }[]>;
  /** Uploads a file (base64 in JSON, up to 37.5 MB encoded) and links it to the record. */
  uploadFile(input: {
    title: string;
    fileName: string;
    base64: string;
    linkedTo: string;
    fields?: Record<string, unknown>;
  }): Promise<string>;
};
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

/** A SOQL string literal: backslash and single quote are the characters to escape. */
const soqlString = (value: string) => `'${value.replace(/[\\']/g, "\\$&")}'`;

// SOSL reserved characters, escaped with a backslash inside FIND {...} [doc: SOSL FIND clause].
const soslTerm = (value: string) => value.replace(/[?&|!{}[\]()^~*:\\"'+-]/g, "\\$&");

/** Base64 JSON bodies are limited to 37.5 MB encoded (the request to 50 MB) [doc]. */
export const MAX_BASE64_UPLOAD = 37_500_000;

const pass = (message: string) => ({ ok: true, message });
const fail = (message: string) => ({ ok: false, message });

/** Runs one named check; vendor failures become a failed check, anything else is a bug and throws. */
async function check(name: string, run: () => Promise<{ ok: boolean; message: string }>): Promise<ConnectionCheck> {
  try {
    return { name, ...(await run()) };
  } catch (error) {
    if (error instanceof VendorError) return { name, ok: false, message: error.message };
    throw error;
  }
}

export function createSalesforceClient(
  settings: SalesforceSettings,
  options: SalesforceClientOptions = {},
): SalesforceClient {
  const loginHost = settings.baseUrl.replace(/\/+$/, "");
  const dataPath = `/services/data/v${settings.apiVersion}`;
  const userFields = "Id, Username, Email, IsActive";
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

  // Follows nextRecordsUrl page by page.
  async function query<T>(soql: string, record: z.ZodType<T>): Promise<T[]> {
    const page = queryPage(record);
    const records: T[] = [];
    let path: string | undefined = `${dataPath}/query?q=${encodeURIComponent(soql)}`;
    while (path) {
      const result: z.infer<typeof page> = await api(path, page);
      records.push(...result.records);
      path = result.done ? undefined : result.nextRecordsUrl;
    }
    return records;
  }

  async function findUserByUsername(username: string): Promise<SalesforceUser | null> {
    const [user] = await query(
      `SELECT ${userFields} FROM User WHERE Username = ${soqlString(username)} LIMIT 1`,
      userRecord,
    );
    return user ?? null;
  }

  /** Emails are not unique in Salesforce (a deactivated twin is common): prefer an active user. */
  async function findUserByEmail(email: string): Promise<SalesforceUser | null> {
    const users = await query(`SELECT ${userFields} FROM User WHERE Email = ${soqlString(email)}`, userRecord);
    return users.find((u) => u.IsActive) ?? users[0] ?? null;
  }

  /** CreatedDate turns createable only with "Set Audit Fields upon Record Creation" granted. */
  async function canSetAuditFields(): Promise<boolean> {
    const { fields } = await api(`${dataPath}/sobjects/CaseComment/describe`, describeResponse);
    return fields.some((f) => f.name === "CreatedDate" && f.createable);
  }

  async function create(sobject: string, fields: Record<string, unknown>): Promise<string> {
    const { id } = await api(`${dataPath}/sobjects/${encodeURIComponent(sobject)}`, createResponse, fields);
    return id;
  }

  async function findContactsByPhone(variants: string[]): Promise<SalesforceContact[]> {
    for (const variant of [...new Set(variants.filter(Boolean))]) {
      const sosl = `FIND {${soslTerm(variant)}} IN PHONE FIELDS RETURNING Contact(Id, Name, Phone, MobilePhone) LIMIT 5`;
      const { searchRecords } = await api(
        `${dataPath}/search?q=${encodeURIComponent(sosl)}`,
        searchResponse(contactRecord),
      );
      if (searchRecords.length > 0) return searchRecords;
    }
    return [];
  }

  async function findCaseBySubject(subject: string) {
    const [found] = await query(
      `SELECT Id, CaseNumber FROM Case WHERE Subject = ${soqlString(subject)} LIMIT 1`,
      caseRecord,
    );
    return found ?? null;
  }

  async function getCaseNumber(caseId: string): Promise<string> {
    const [found] = await query(`SELECT Id, CaseNumber FROM Case WHERE Id = ${soqlString(caseId)} LIMIT 1`, caseRecord);
    if (!found)
      throw new VendorError(
        "salesforce",
        "rejected",
        `Salesforce has no case ${caseId}: it may have been deleted`,
        404,
        "NOT_FOUND",
      );
    return found.CaseNumber;
  }

  function listCaseComments(caseId: string) {
    return query(`SELECT Id, CommentBody FROM CaseComment WHERE ParentId = ${soqlString(caseId)}`, caseCommentRecord);
  }

  function listRecordFiles(recordId: string) {
    return query(
      `SELECT Id, Title, Description, ContentDocumentId FROM ContentVersion WHERE FirstPublishLocationId = ${soqlString(recordId)}`,
      contentVersionRecord,
    );
  }

  // FirstPublishLocationId links the new file to the record in the same call, so no separate
  // ContentDocumentLink insert (and no half-linked file if the second call failed).
  function uploadFile(input: {
    title: string;
    fileName: string;
    base64: string;
    linkedTo: string;
    fields?: Record<string, unknown>;
  }) {
    if (input.base64.length > MAX_BASE64_UPLOAD) {
      throw new VendorError(
        "salesforce",
        "rejected",
        `${input.fileName} is larger than the 37.5 MB (base64) Salesforce accepts in one upload`,
        400,
        "STRING_TOO_LONG",
      );
    }
    return create("ContentVersion", {
      Title: input.title,
      PathOnClient: input.fileName,
      VersionData: input.base64,
      FirstPublishLocationId: input.linkedTo,
      ...input.fields,
    });
  }

  const currentSession = () => session ?? login();

  async function testConnection(): Promise<ConnectionResult> {
    const learned: Record<string, string> = {};
    const loggedIn = await check(`Log in (${settings.flow})`, async () => {
      const { instanceUrl } = await login();
      learned.instanceUrl = instanceUrl;
      return pass(`Logged in; API calls go to ${instanceUrl}`);
    });
    if (!loggedIn.ok) return { ok: false, checks: [loggedIn] };

    const username = settings.customerCommentUsername;
    const checks = [
      loggedIn,
      await check(`Customer-comment user ${username} exists`, async () => {
        const user = await findUserByUsername(username);
        if (!user)
          return fail(
            `No Salesforce user has the username ${username}: create the user that posts customer comments (e.g. WitiOpCustomer) or correct the username`,
          );
        if (!user.IsActive)
          return fail(
            `The Salesforce user ${username} is inactive: activate it so customer comments can be posted as this user`,
          );
        learned.customerCommentUserId = user.Id;
        return pass(`Customer comments will be posted as ${username} (${user.Id})`);
      }),
    ];
    if (settings.setAuditFields) {
      checks.push(
        await check("Audit fields can be set", async () =>
          (await canSetAuditFields())
            ? pass("Comments can keep each message's author and time")
            : fail(
                "The API user cannot set CaseComment.CreatedDate: enable “Set Audit Fields upon Record Creation” in Setup → User Interface and grant it to the API user with a permission set, or turn off Set Audit Fields",
              ),
        ),
      );
    }
    return { ok: checks.every((c) => c.ok), checks, learned };
  }

  return {
    testConnection,
    login,
    query,
    findUserByUsername,
    findUserByEmail,
    canSetAuditFields,
    create,
    session: currentSession,
    findContactsByPhone,
    findCaseBySubject,
    getCaseNumber,
    listCaseComments,
    listRecordFiles,
    uploadFile,
  };
}
