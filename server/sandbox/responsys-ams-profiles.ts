import type { ServerResponse } from "node:http";
import { z } from "zod";
import { sendJson } from "./server";

// The App Management simulator's profile list: what an invoked Program's rows came from, and
// where an installed app writes a recipient's opt-out back with a list merge (§3.1 of
// docs/vendors/responsys.md). How an app reaches the merge is not documented in what we read
// [assumed]: signed with the install secret, under the same base as the import endpoint the
// invoke hands over (`/ams/lists/{list}/members` here). The fake is lenient about it: any
// merge rule and field are taken, only the documented body shape and per-row answers are kept.

/** The list the simulator's Programs run on: Responsys's default profile list [assumed]. */
export const AMS_PROFILE_LIST = "CONTACTS";
const MAX_RECORDS = 200;
const CORRELATION_ID = "appcloud_row_correlation_id";
export const RIID = "RIID_";

type Member = Record<string, string | null>;

const mergeRequest = z.object({
  recordData: z.object({
    fieldNames: z.array(z.string().min(1)).min(1),
    records: z.array(z.array(z.string().nullable())),
    mapTemplateName: z.string().nullish(),
  }),
  mergeRule: z.looseObject({
    insertOnNoMatch: z.boolean().default(false),
    updateOnMatch: z.enum(["REPLACE_ALL", "NO_UPDATE"]).default("REPLACE_ALL"),
    matchColumnName1: z.string().min(1),
  }),
});

export type AmsMerge = {
  list: string;
  installId: string;
  fieldNames: string[];
  records: (string | null)[][];
  at: string;
};

export function amsProfiles() {
  const lists = new Map<string, Member[]>([[AMS_PROFILE_LIST, []]]);
  const merges: AmsMerge[] = [];
  let nextRiid = 5100000;

  /**
   * Adds or refreshes one member by its mobile number, as the Program's list held it when
   * invoked; a new member gets the list's next RIID unless the row names one. Returns its RIID.
   */
  function remember(member: Member): string | null {
    const members = lists.get(AMS_PROFILE_LIST)!;
    const number = member.MOBILE_NUMBER_;
    if (!number) return null;
    const found = members.find((m) => m.MOBILE_NUMBER_ === number);
    const riid = member.RIID_ || found?.RIID_ || String(nextRiid++);
    if (found) Object.assign(found, member, { RIID_: riid });
    else members.push({ ...member, RIID_: riid });
    return riid;
  }

  return {
    /**
     * The rows an invoke hands over are members of the Program's list: kept by name, without
     * the correlation id. Returns the rows with each member's RIID in the RIID_ column, when
     * the record definition has one, as Responsys fills its own id in.
     */
    rememberRows(names: string[], rows: (string | null)[][]) {
      const riidAt = names.indexOf(RIID);
      return rows.map((row) => {
        const riid = remember(
          Object.fromEntries(names.flatMap((name, i) => (name === CORRELATION_ID ? [] : [[name, row[i] ?? null]]))),
        );
        return riidAt < 0 ? row : row.map((value, i) => (i === riidAt ? (riid ?? value) : value));
      });
    },

    members: (list: string) => (lists.get(list) ?? []).map((m) => ({ ...m })),
    merges: () => [...merges],

    /** POST /lists/{list}/members, the token already checked against an install. */
    merge(res: ServerResponse, list: string, installId: string, body: string) {
      const members = lists.get(list);
      // The exact code for an unknown list is not in the notes [assumed].
      if (!members) return sendJson(res, 404, { errorCode: "LIST_NOT_FOUND", detail: `List ${list} not found` });
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return sendJson(res, 400, { errorCode: "INVALID_REQUEST_CONTENT", detail: "The request body is not JSON" });
      }
      const parsed = mergeRequest.safeParse(json);
      if (!parsed.success)
        return sendJson(res, 400, { errorCode: "INVALID_REQUEST_CONTENT", detail: z.prettifyError(parsed.error) });
      const { recordData, mergeRule } = parsed.data;
      const { fieldNames, records } = recordData;
      if (records.length > MAX_RECORDS)
        return sendJson(res, 400, {
          errorCode: "INVALID_PARAMETER",
          detail: `Record count ${records.length} exceeds the limit of ${MAX_RECORDS}`,
        });
      const key = mergeRule.matchColumnName1;
      if (!fieldNames.includes(key))
        return sendJson(res, 400, {
          errorCode: "INVALID_PARAMETER",
          detail: `Match column ${key} is not in the field list`,
        });
      const answers = records.map((values, index) => {
        const failed = (code: string, detail: string) => [`MERGEFAILED: Record ${index} = ${code}: ${detail}`];
        if (values.length !== fieldNames.length)
          return failed("INVALID_PARAMETER", `${values.length} values for ${fieldNames.length} fields`);
        const record: Member = Object.fromEntries(fieldNames.map((f, i) => [f, values[i] ?? null]));
        const found = record[key] ? members.find((m) => m[key] === record[key]) : undefined;
        if (found) {
          if (mergeRule.updateOnMatch === "REPLACE_ALL") Object.assign(found, record);
          return [found.RIID_ ?? ""];
        }
        if (!mergeRule.insertOnNoMatch)
          return failed("RECORD_NOT_FOUND", "No matching member and insertOnNoMatch is false");
        const riid = String(nextRiid++);
        members.push({ ...record, RIID_: riid });
        return [riid];
      });
      merges.push({ list, installId, fieldNames, records, at: new Date().toISOString() });
      sendJson(res, 200, { recordData: { fieldNames: ["RIID_"], records: answers, mapTemplateName: null }, mergeRule });
    },
  };
}
