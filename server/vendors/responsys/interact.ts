// The Interact REST calls: merging list and profile extension members, deleting members, creating
// extension tables and triggering campaign email.
import { VendorError } from "../http";
import type { ClientOptions, ConnectionResult } from "../types";
import { failedCheck, result } from "./checks";
import type {
  ExtensionMergeOptions,
  MemberRecord,
  MergeOptions,
  MergeResult,
  ResponsysInteractClient,
  SettingsFor,
  TriggerResult,
} from "./client";
import { responsysSession } from "./session";
import {
  createExtensionResponse,
  mergeListMembersResponse,
  mergeTriggerEmailResponse,
  objectListing,
  type CreateExtensionRequest,
  type MergeExtensionMembersRequest,
  type MergeListMembersRequest,
  type MergeTriggerEmailRequest,
} from "./wire";

const MAX_RECORDS = 200;
// Listings are read in pages of limit/offset [assumed]; an account holds far fewer objects than the cap.
const PAGE = 200;
const MAX_PAGES = 50;
const LOG_IN = "Log in to Responsys";

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

export function interactClient(settings: SettingsFor<"interact">, options: ClientOptions): ResponsysInteractClient {
  const api = responsysSession(settings, options);

  /** Every name of a listing, page by page until a short page. */
  async function listNames(doing: string, path: string): Promise<string[]> {
    const names: string[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const batch = await api.get(doing, `${path}?limit=${PAGE}&offset=${page * PAGE}`, objectListing);
      names.push(...batch);
      if (batch.length < PAGE) break;
    }
    return [...new Set(names)];
  }

  async function deleteListMember(listName: string, riid: string): Promise<void> {
    try {
      // DELETE /lists/{listName}/members/{riid} [doc: "Delete profile list recipients based on RIID"; response body assumed].
      await api.delete(
        `deleting member ${riid} from list ${listName}`,
        `/lists/${encodeURIComponent(listName)}/members/${encodeURIComponent(riid)}`,
      );
    } catch (error) {
      // Deleting twice (a retried batch) finds nothing the second time: the member is gone either way.
      if (error instanceof VendorError && error.status === 404 && error.vendorCode === "RECORD_NOT_FOUND") return;
      throw error;
    }
  }

  async function mergeListMembers(
    listName: string,
    records: MemberRecord[],
    merge: MergeOptions,
  ): Promise<MergeResult[]> {
    const fieldNames = recordFields(records);
    if (records.length === 0) return [];
    const body: MergeListMembersRequest = { recordData: recordData(fieldNames, records), mergeRule: mergeRule(merge) };
    const answer = await api.post(
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
    const answer = await api.post(
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
    await api.post(
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
    const answer = await api.post(
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
      const { endPoint } = await api.login();
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
    login: api.login,
    listProfileLists: () => listNames("listing profile lists", "/lists"),
    listExtensionTables: (listName: string) =>
      listNames(
        `listing the extension tables of list ${listName}`,
        `/lists/${encodeURIComponent(listName)}/listExtensions`,
      ),
    listCampaigns: () => listNames("listing campaigns", "/campaigns"),
    mergeListMembers,
    deleteListMember,
    mergeExtensionMembers,
    createExtensionTable,
    mergeTriggerEmail,
  };
}
