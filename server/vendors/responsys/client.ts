import type { responsysSettings } from "./settings";
import { decrypt, decryptKey, readMessage, readPrivateKey, type PrivateKey } from "openpgp";
import SftpClient from "ssh2-sftp-client";
import { z } from "zod";
import { vendorFetch, VendorError } from "../http";
import type { ClientOptions, ConnectionCheck, ConnectionResult, VendorConnection } from "../types";
import {
  createExtensionResponse,
  errorBody,
  mergeListMembersResponse,
  mergeTriggerEmailResponse,
  tokenResponse,
  type CreateExtensionRequest,
  type ExtensionMatchColumn,
  type MatchColumn,
  type MergeExtensionMembersRequest,
  type MergeListMembersRequest,
  type MergeTriggerEmailRequest,
} from "./wire";

type Method = z.output<typeof responsysSettings>["method"];
type SettingsFor<M extends Method> = Extract<z.output<typeof responsysSettings>, { method: M }> & { baseUrl: string };
export type ResponsysSettings = z.output<typeof responsysSettings> & { baseUrl: string };

export type ResponsysSession = { authToken: string; endPoint: string };
/** One member as field name -> value; every record of a call must have the same fields. */
export type MemberRecord = Record<string, string>;
export type MergeOptions = {
  matchColumn1: MatchColumn;
  /** Both columns must match when given. */
  matchColumn2?: MatchColumn;
  /** Default true; must be false when matching on a hash column. */
  insertOnNoMatch?: boolean;
  /** Default REPLACE_ALL. */
  updateOnMatch?: "REPLACE_ALL" | "NO_UPDATE";
  /** Permission given to new members. Required: Responsys silently uses OPTOUT when it is left out. */
  defaultPermissionStatus: "OPTIN" | "OPTOUT";
};
/** Per record, in input order: its RIID, or why Responsys did not merge it. */
export type MergeResult = { ok: true; riid: string } | { ok: false; error: string };
export type ExtensionMergeOptions = {
  matchColumn1: ExtensionMatchColumn;
  matchColumn2?: ExtensionMatchColumn;
  /** Default true; must be false when matching on a hash column. */
  insertOnNoMatch?: boolean;
};
/** Per recipient, in input order: whether the email was triggered, or why not. */
export type TriggerResult = { ok: true; recipientId: string | null } | { ok: false; error: string };
export type PgpKeyInfo = { fingerprint: string; userIds: string[]; passphraseProtected: boolean };

export interface ResponsysInteractClient extends VendorConnection {
  /** Logs in again and caches the new token for later calls. */
  login(): Promise<ResponsysSession>;
  mergeListMembers(listName: string, records: MemberRecord[], options: MergeOptions): Promise<MergeResult[]>;
  /** Upserts rows of a profile extension table; records must hold the list merge key(s). */
  mergeExtensionMembers(
    listName: string,
    tableName: string,
    records: MemberRecord[],
    options: ExtensionMergeOptions,
  ): Promise<MergeResult[]>;
  /** Deletes one member of the list by RIID; a member already gone counts as deleted. */
  deleteListMember(listName: string, riid: string): Promise<void>;
  /** Creates a profile extension table of text columns on the list. */
  createExtensionTable(listName: string, tableName: string, fieldNames: string[], folderName: string): Promise<void>;
  /** Merges the recipients into the campaign's list and triggers its email to each. */
  /**
   * `optionalData`, per recipient in order, is personalisation data for the email. Sends
   * email, so it is not idempotent: only a 429 or a refused connection is retried.
   */
  mergeTriggerEmail(
    campaignName: string,
    records: MemberRecord[],
    options: MergeOptions,
    optionalData?: Record<string, string>[],
  ): Promise<TriggerResult[]>;
}
export interface ResponsysSftpClient extends VendorConnection {
  /** Names of the files and folders in the configured folder (the home folder when none). */
  listFolder(): Promise<string[]>;
  /** One file of the configured folder, as text; PGP files (.pgp, .gpg) are decrypted first when the client has the key. */
  readFile(name: string): Promise<string>;
}
export interface ResponsysSftpPgpClient extends ResponsysSftpClient {
  checkPgpKey(): Promise<PgpKeyInfo>;
}

const MAX_RECORDS = 200;
const LOG_IN = "Log in to Responsys";
const PGP_CHECK = "PGP key and passphrase";

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const sentence = (text: string) => text.trim().replace(/[.\s]+$/, "");

const ignore = () => undefined;

/** A failed check in the vendor error's own words; anything but a VendorError is a bug and propagates. */
function failedCheck(name: string, error: unknown): ConnectionCheck {
  if (!(error instanceof VendorError)) throw error;
  return { name, ok: false, message: error.message };
}

async function check(name: string, run: () => Promise<string>): Promise<ConnectionCheck> {
  try {
    return { name, ok: true, message: await run() };
  } catch (error) {
    return failedCheck(name, error);
  }
}

const result = (checks: ConnectionCheck[], learned?: Record<string, string>): ConnectionResult => ({
  ok: checks.every((c) => c.ok),
  checks,
  ...(learned ? { learned } : {}),
});

// ---------------------------------------------------------------------------------------
// Interact REST API

/**
 * Plain English for a Responsys error: `doing` says what we were doing, `refused` what a 401
 * or 403 means there (given the vendor's words).
 */
function describeError(
  doing: string,
  refused: (said: string) => string,
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
  if (status === 401 || status === 403) return { code, message: refused(said) };
  if (status === 404)
    return { code, message: `Responsys found nothing while ${doing}${said}. Check the name in Responsys.` };
  return { code, message: `Responsys rejected the request while ${doing}${said}.` };
}

function interactClient(settings: SettingsFor<"interact">, options: ClientOptions): ResponsysInteractClient {
  const base = settings.baseUrl.replace(/\/+$/, "");
  let session: ResponsysSession | null = null;

  function call<T>(
    doing: string,
    refused: (said: string) => string,
    url: string,
    schema: z.ZodType<T>,
    init: { body: unknown; headers: Record<string, string>; idempotent?: boolean },
  ) {
    return vendorFetch({
      vendor: "responsys",
      method: "POST",
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

  /** Field names shared by every record, or a rejection: a missing field would blank what Responsys holds (REPLACE_ALL). */
  function recordFields(records: MemberRecord[]): string[] {
    if (records.length > MAX_RECORDS) {
      throw new VendorError(
        "responsys",
        "rejected",
        `Responsys merges at most ${MAX_RECORDS} records per call; ${records.length} were given. Send them in batches of ${MAX_RECORDS}.`,
      );
    }
    const fieldNames = Object.keys(records[0] ?? {});
    const odd = records.findIndex(
      (r) => Object.keys(r).length !== fieldNames.length || fieldNames.some((f) => !(f in r)),
    );
    if (odd !== -1)
      throw new VendorError(
        "responsys",
        "rejected",
        `Record ${odd} has different fields from the first record (${fieldNames.join(", ")}). Give every record the same fields.`,
      );
    return fieldNames;
  }

  const recordData = (fieldNames: string[], records: MemberRecord[]) => ({
    fieldNames,
    records: records.map((r) => fieldNames.map((f) => r[f] ?? null)),
    mapTemplateName: null,
  });

  function mergeRule(merge: MergeOptions): MergeListMembersRequest["mergeRule"] {
    return {
      insertOnNoMatch: merge.insertOnNoMatch ?? true,
      updateOnMatch: merge.updateOnMatch ?? "REPLACE_ALL",
      matchColumnName1: merge.matchColumn1,
      matchColumnName2: merge.matchColumn2 ?? null,
      matchOperator: merge.matchColumn2 ? "AND" : "NONE",
      optinValue: "I",
      optoutValue: "O",
      htmlValue: "H",
      textValue: "T",
      rejectRecordIfChannelEmpty: null,
      defaultPermissionStatus: merge.defaultPermissionStatus,
    };
  }

  /** A POST with the session token; a 401 logs in again once (see authorized). */
  function post<T>(doing: string, path: string, schema: z.ZodType<T>, body: unknown, idempotent = true): Promise<T> {
    const refused = (said: string) =>
      `Responsys refused the session while ${doing}${said}, even after logging in again. Check the user's API access in Responsys.`;
    return authorized((s) =>
      call(doing, refused, `${s.endPoint}/rest/api/v1.3${path}`, schema, {
        body,
        headers: { authorization: s.authToken },
        idempotent,
      }),
    );
  }

  async function deleteListMember(listName: string, riid: string): Promise<void> {
    const doing = `deleting member ${riid} from list ${listName}`;
    const refused = (said: string) =>
      `Responsys refused the session while ${doing}${said}, even after logging in again. Check the user's API access in Responsys.`;
    try {
      // DELETE /lists/{listName}/members/{riid} [doc: "Delete profile list recipients based on RIID"; response body assumed].
      await authorized((s) =>
        vendorFetch({
          vendor: "responsys",
          method: "DELETE",
          url: `${s.endPoint}/rest/api/v1.3/lists/${encodeURIComponent(listName)}/members/${encodeURIComponent(riid)}`,
          schema: z.unknown(),
          headers: { authorization: s.authToken },
          retry: options.retry,
          timeoutMs: options.timeoutMs,
          describeError: (status, body) => describeError(doing, refused, status, body),
        }),
      );
    } catch (error) {
      // Deleting twice (a retried batch) finds nothing the second time: the member is gone either way.
      if (error instanceof VendorError && error.status === 404 && error.vendorCode === "RECORD_NOT_FOUND") return;
      throw error;
    }
  }

  /** One result per record from a merge answer: its RIID, or the MERGEFAILED text in its place. */
  function mergeResults(
    answer: { recordData: { fieldNames: string[]; records: (string | null)[][] } },
    count: number,
  ): MergeResult[] {
    const column = Math.max(0, answer.recordData.fieldNames.indexOf("RIID_"));
    if (answer.recordData.records.length !== count) {
      throw new VendorError(
        "responsys",
        "unexpected_response",
        `Responsys answered ${answer.recordData.records.length} result(s) for ${count} record(s).`,
      );
    }
    return answer.recordData.records.map((row): MergeResult => {
      const value = row[column] ?? "";
      return value.startsWith("MERGEFAILED") || value === ""
        ? { ok: false, error: value || "Responsys returned no RIID for this record" }
        : { ok: true, riid: value };
    });
  }

  async function mergeListMembers(
    listName: string,
    records: MemberRecord[],
    merge: MergeOptions,
  ): Promise<MergeResult[]> {
    const fieldNames = recordFields(records);
    if (records.length === 0) return [];
    const body: MergeListMembersRequest = { recordData: recordData(fieldNames, records), mergeRule: mergeRule(merge) };
    const answer = await post(
      `merging ${records.length} member(s) into list ${listName}`,
      `/lists/${encodeURIComponent(listName)}/members`,
      mergeListMembersResponse,
      body,
    );
    return mergeResults(answer, records.length);
  }

  async function mergeExtensionMembers(
    listName: string,
    tableName: string,
    records: MemberRecord[],
    merge: ExtensionMergeOptions,
  ): Promise<MergeResult[]> {
    const fieldNames = recordFields(records);
    if (records.length === 0) return [];
    const body: MergeExtensionMembersRequest = {
      recordData: recordData(fieldNames, records),
      insertOnNoMatch: merge.insertOnNoMatch ?? true,
      updateOnMatch: "REPLACE_ALL",
      matchColumnName1: merge.matchColumn1,
      matchColumnName2: merge.matchColumn2 ?? null,
    };
    const path = `/lists/${encodeURIComponent(listName)}/listExtensions/${encodeURIComponent(tableName)}/members`;
    const answer = await post(
      `merging ${records.length} row(s) into extension table ${tableName} of list ${listName}`,
      path,
      mergeListMembersResponse,
      body,
    );
    return mergeResults(answer, records.length);
  }

  async function createExtensionTable(
    listName: string,
    tableName: string,
    fieldNames: string[],
    folderName: string,
  ): Promise<void> {
    const body: CreateExtensionRequest = {
      profileExtension: { objectName: tableName, folderName },
      fields: fieldNames.map((fieldName) => ({ fieldName, fieldType: "STR500" })),
    };
    await post(
      `creating extension table ${tableName} on list ${listName}`,
      `/lists/${encodeURIComponent(listName)}/listExtensions`,
      createExtensionResponse,
      body,
    );
  }

  async function mergeTriggerEmail(
    campaignName: string,
    records: MemberRecord[],
    merge: MergeOptions,
    optionalData: Record<string, string>[] = [],
  ): Promise<TriggerResult[]> {
    const fieldNames = recordFields(records);
    if (records.length === 0) return [];
    const body: MergeTriggerEmailRequest = {
      recordData: recordData(fieldNames, records),
      mergeRule: mergeRule(merge),
      triggerData: records.map((_, i) => ({
        optionalData: Object.entries(optionalData[i] ?? {}).map(([name, value]) => ({ name, value })),
      })),
    };
    const answer = await post(
      `triggering campaign ${campaignName} for ${records.length} recipient(s)`,
      `/campaigns/${encodeURIComponent(campaignName)}/email`,
      mergeTriggerEmailResponse,
      body,
      false,
    );
    if (answer.length !== records.length)
      throw new VendorError(
        "responsys",
        "unexpected_response",
        `Responsys answered ${answer.length} result(s) for ${records.length} recipient(s).`,
      );
    return answer.map((r): TriggerResult =>
      r.success
        ? { ok: true, recipientId: r.recipientId == null ? null : String(r.recipientId) }
        : { ok: false, error: r.errorMessage ?? "Responsys did not trigger the email" },
    );
  }

  async function testConnection(): Promise<ConnectionResult> {
    try {
      const { endPoint } = await login();
      return result(
        [{ name: LOG_IN, ok: true, message: `Logged in as ${settings.username}; API calls go to ${endPoint}.` }],
        { endPoint },
      );
    } catch (error) {
      return result([failedCheck(LOG_IN, error)]);
    }
  }

  return {
    testConnection,
    login,
    mergeListMembers,
    deleteListMember,
    mergeExtensionMembers,
    createExtensionTable,
    mergeTriggerEmail,
  };
}

// ---------------------------------------------------------------------------------------
// SFTP (file import and export), optionally with PGP

/** Plain English for a failure to connect or log in to the SFTP server. */
function connectError(settings: SettingsFor<"sftp" | "sftp_pgp">, error: unknown, timeoutMs: number): VendorError {
  const where = `${settings.host}:${settings.port}`;
  const text = messageOf(error);
  const code = (error as { code?: unknown }).code;
  if (/authentication methods failed/i.test(text)) {
    return new VendorError(
      "responsys",
      "auth",
      `The SFTP server at ${where} refused user ${settings.username} with this private key. Check the username, and that the key's public half is registered for that user in Responsys.`,
    );
  }
  if (/cannot parse privatekey/i.test(text)) {
    return new VendorError(
      "responsys",
      "rejected",
      `The SFTP private key could not be read (${sentence(text.replace(/^.*cannot parse privatekey:\s*/i, ""))}). Paste the whole key without a passphrase, BEGIN and END lines included.`,
    );
  }
  if (/timed out/i.test(text))
    return new VendorError(
      "responsys",
      "timeout",
      `${where} did not complete the SFTP login within ${timeoutMs / 1000}s. Check the host and port, and that the server accepts connections from here.`,
    );
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return new VendorError(
      "responsys",
      "unavailable",
      `The SFTP host ${settings.host} could not be found. Check the host name.`,
    );
  if (code === "ECONNREFUSED")
    return new VendorError(
      "responsys",
      "unavailable",
      `${where} refused the connection. Check the host and port (Responsys SFTP usually listens on 22).`,
    );
  return new VendorError(
    "responsys",
    "unavailable",
    `Could not connect to the SFTP server at ${where} (${sentence(text)}). Check the host and port, then try again.`,
  );
}

/** Plain English for a failed folder listing; SFTP status codes 2 and 3 are no such file and permission denied. */
function listError(folder: string, error: unknown): VendorError {
  const code = (error as { code?: unknown }).code;
  if (code === 2)
    return new VendorError(
      "responsys",
      "rejected",
      `The folder ${folder} does not exist on the SFTP server. Check the folder path (it is relative to the login's home folder unless it starts with /).`,
    );
  if (code === 3)
    return new VendorError(
      "responsys",
      "rejected",
      `The SFTP user may not read the folder ${folder}. Choose a folder the user can read, or ask Responsys support for access.`,
    );
  if (typeof code === "number")
    return new VendorError(
      "responsys",
      "rejected",
      `The SFTP server could not list ${folder} (${sentence(messageOf(error))}). Check that it is a folder.`,
    );
  return new VendorError(
    "responsys",
    "unavailable",
    `The SFTP connection failed while listing ${folder} (${sentence(messageOf(error))}). Try again.`,
  );
}

function sftpClient(
  settings: SettingsFor<"sftp" | "sftp_pgp">,
  options: ClientOptions,
): ResponsysSftpClient & { readBytes(name: string): Promise<Buffer> } {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const folder = settings.folder || ".";
  const folderName = settings.folder || "home";

  async function connect(): Promise<SftpClient> {
    // Errors arrive through the promises; the library's default global listeners only log.
    const sftp = new SftpClient("responsys", { error: ignore, end: ignore, close: ignore });
    try {
      // The settings hold no host-key fingerprint, so the server's host key is accepted as presented.
      await sftp.connect({
        host: settings.host,
        port: settings.port,
        username: settings.username,
        privateKey: settings.privateKey,
        readyTimeout: timeoutMs,
      });
      return sftp;
    } catch (error) {
      await sftp.end().catch(ignore);
      throw connectError(settings, error, timeoutMs);
    }
  }

  async function list(sftp: SftpClient): Promise<string[]> {
    try {
      return (await sftp.list(folder)).map((entry) => entry.name).sort();
    } catch (error) {
      throw listError(folderName, error);
    }
  }

  async function listFolder(): Promise<string[]> {
    const sftp = await connect();
    try {
      return await list(sftp);
    } finally {
      await sftp.end().catch(ignore);
    }
  }

  async function testConnection(): Promise<ConnectionResult> {
    const connectName = `Connect to ${settings.host}:${settings.port}`;
    let sftp: SftpClient;
    try {
      sftp = await connect();
    } catch (error) {
      return result([failedCheck(connectName, error)]);
    }
    const listed = await check(`List folder ${folderName}`, async () => {
      const names = await list(sftp);
      return names.length === 0
        ? "The folder is empty."
        : `Found ${names.length} item(s): ${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}.`;
    });
    await sftp.end().catch(ignore);
    return result([{ name: connectName, ok: true, message: `Logged in as ${settings.username}.` }, listed]);
  }

  async function readFile(name: string): Promise<string> {
    return (await readBytes(name)).toString("utf8");
  }

  async function readBytes(name: string): Promise<Buffer> {
    if (!name || name.includes("/") || name === "." || name === "..")
      throw new VendorError("responsys", "rejected", `${name} is not a file name in the folder ${folderName}.`);
    const sftp = await connect();
    try {
      const data = await sftp.get(`${folder.replace(/\/+$/, "")}/${name}`);
      return Buffer.isBuffer(data) ? data : Buffer.from(typeof data === "string" ? data : "");
    } catch (error) {
      if ((error as { code?: unknown }).code === 2)
        throw new VendorError("responsys", "rejected", `The file ${name} is no longer in the folder ${folderName}.`);
      throw listError(folderName, error);
    } finally {
      await sftp.end().catch(ignore);
    }
  }

  return { testConnection, listFolder, readFile, readBytes };
}

function sftpPgpClient(settings: SettingsFor<"sftp_pgp">, options: ClientOptions): ResponsysSftpPgpClient {
  const sftp = sftpClient(settings, options);

  /** Responsys encrypts files to this key: it must parse, hold an encryption subkey, and open with the passphrase. */
  async function checkPgpKey(): Promise<PgpKeyInfo> {
    let key: PrivateKey;
    try {
      key = await readPrivateKey({ armoredKey: settings.pgpPrivateKey });
    } catch (error) {
      throw new VendorError(
        "responsys",
        "rejected",
        `The PGP private key could not be read (${sentence(messageOf(error))}). Paste the whole armored private key, BEGIN and END lines included.`,
      );
    }
    const info = { fingerprint: key.getFingerprint().toUpperCase(), userIds: key.getUserIDs() };
    if ((await key.getDecryptionKeys().catch(() => [])).length === 0) {
      throw new VendorError(
        "responsys",
        "rejected",
        `The PGP key ${info.fingerprint} has no usable encryption subkey, so files encrypted for it cannot be opened. Use the key pair whose public key Responsys encrypts to.`,
      );
    }
    if (key.isDecrypted()) return { ...info, passphraseProtected: false };
    try {
      await decryptKey({ privateKey: key, passphrase: settings.pgpPassphrase });
    } catch {
      throw new VendorError(
        "responsys",
        "auth",
        `The passphrase does not unlock the PGP key ${info.fingerprint}. Check the passphrase (it is case-sensitive).`,
      );
    }
    return { ...info, passphraseProtected: true };
  }

  async function testConnection(): Promise<ConnectionResult> {
    const { checks } = await sftp.testConnection();
    const pgp = await check(PGP_CHECK, async () => {
      const info = await checkPgpKey();
      const owner = info.userIds[0] ? ` (${info.userIds[0]})` : "";
      return info.passphraseProtected
        ? `Key ${info.fingerprint}${owner} opens with the passphrase.`
        : `Key ${info.fingerprint}${owner} is usable; it has no passphrase, so the one given is not needed.`;
    });
    return result([...checks, pgp]);
  }

  /** Responsys Connect encrypts exports to our key when the PGP method is chosen; other files are read as they are. */
  async function readFile(name: string): Promise<string> {
    const bytes = await sftp.readBytes(name);
    if (!/\.(pgp|gpg|asc)$/i.test(name)) return bytes.toString("utf8");
    await checkPgpKey();
    const privateKey = await readPrivateKey({ armoredKey: settings.pgpPrivateKey });
    const key = privateKey.isDecrypted()
      ? privateKey
      : await decryptKey({ privateKey, passphrase: settings.pgpPassphrase });
    try {
      const text = bytes.toString("utf8");
      const decrypted = text.startsWith("-----BEGIN PGP MESSAGE-----")
        ? await decrypt({ message: await readMessage({ armoredMessage: text }), decryptionKeys: key, format: "binary" })
        : await decrypt({
            message: await readMessage({ binaryMessage: new Uint8Array(bytes) }),
            decryptionKeys: key,
            format: "binary",
          });
      return Buffer.from(decrypted.data).toString("utf8");
    } catch (error) {
      throw new VendorError(
        "responsys",
        "rejected",
        `The file ${name} could not be decrypted with the PGP key (${sentence(messageOf(error))}). Check that Responsys encrypts to this key.`,
      );
    }
  }

  return { testConnection, listFolder: () => sftp.listFolder(), readFile, checkPgpKey };
}

// ---------------------------------------------------------------------------------------

/**
 * The Responsys adapter for one authorization method. Interact logs in at baseUrl (the login
 * host, or the sandbox); SFTP uses the host and port from the settings and ignores baseUrl.
 */
export function createResponsysClient(
  settings: SettingsFor<"interact">,
  options?: ClientOptions,
): ResponsysInteractClient;
export function createResponsysClient(settings: SettingsFor<"sftp">, options?: ClientOptions): ResponsysSftpClient;
export function createResponsysClient(
  settings: SettingsFor<"sftp_pgp">,
  options?: ClientOptions,
): ResponsysSftpPgpClient;
export function createResponsysClient(settings: ResponsysSettings, options?: ClientOptions): VendorConnection;
export function createResponsysClient(settings: ResponsysSettings, options: ClientOptions = {}): VendorConnection {
  switch (settings.method) {
    case "interact":
      return interactClient(settings, options);
    case "sftp":
      return sftpClient(settings, options);
    default:
      return sftpPgpClient(settings, options);
  }
}
