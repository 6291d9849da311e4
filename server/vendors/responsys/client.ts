// The Responsys adapter: the types callers see, and one client per authorization method, built in
// interact.ts (REST, on the session in session.ts), sftp.ts and sftp-pgp.ts.
import type { responsysSettings } from "./settings";
import type { z } from "zod";
import type { ClientOptions, VendorConnection } from "../types";
import { interactClient } from "./interact";
import { sftpClient } from "./sftp";
import { sftpPgpClient } from "./sftp-pgp";
import type { ExtensionMatchColumn, MatchColumn } from "./wire";

type Method = z.output<typeof responsysSettings>["method"];
export type SettingsFor<M extends Method> = Extract<z.output<typeof responsysSettings>, { method: M }> & {
  baseUrl: string;
};
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
  /** Names of the profile lists the user can see; a user without the permission gets a 403 VendorError. */
  listProfileLists(): Promise<string[]>;
  /** Names of the list's profile extension tables. */
  listExtensionTables(listName: string): Promise<string[]>;
  /** Names of the account's campaigns. */
  listCampaigns(): Promise<string[]>;
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
