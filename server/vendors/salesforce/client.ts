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
 *
 * The login and the authorized call are in session.ts, the queries and inserts in records.ts.
 */
import type { z } from "zod";
import { VendorError } from "../http";
import type { ClientOptions, ConnectionCheck, ConnectionResult, VendorConnection } from "../types";
import { salesforceRecords } from "./records";
import { salesforceSession } from "./session";
import type { SalesforceContact, SalesforceUser } from "./wire";

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
  const { login, api, current } = salesforceSession(settings, options);
  const records = salesforceRecords(settings.apiVersion, api);
  const { findUserByUsername, canSetAuditFields } = records;

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

  return { testConnection, login, session: current, ...records };
}
