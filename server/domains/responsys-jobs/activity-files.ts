import { createHash } from "node:crypto";

// Responsys Connect activity exports (read by activity import jobs). File names follow
// <accountId>_<EVENT>_<yyyymmdd>_<hhmmss>.txt [assumed after Responsys Connect's usual layout,
// as in the sandbox]; the event kind comes from the name, the columns from the header line.
// .json files (seed 001 ingests "the JSON files") hold one object per line or one array of
// objects, keyed by the same column names in any case.

export const activityEventTypes = [
  "sent",
  "delivered",
  "bounced",
  "opened",
  "clicked",
  "opted_in",
  "opted_out",
  "complaint",
] as const;
export type ActivityEventType = (typeof activityEventTypes)[number];
export type ActivityChannel = "email" | "sms";

/** File-name event -> channel and event type [assumed names for Responsys Connect's files]. */
const FILE_EVENTS: Record<string, { channel: ActivityChannel; type: ActivityEventType }> = {
  SENT: { channel: "email", type: "sent" },
  DELIVERED: { channel: "email", type: "delivered" },
  BOUNCE: { channel: "email", type: "bounced" },
  OPEN: { channel: "email", type: "opened" },
  CLICK: { channel: "email", type: "clicked" },
  OPT_IN: { channel: "email", type: "opted_in" },
  OPT_OUT: { channel: "email", type: "opted_out" },
  COMPLAINT: { channel: "email", type: "complaint" },
  SMS_SENT: { channel: "sms", type: "sent" },
  SMS_DELIVERED: { channel: "sms", type: "delivered" },
  SMS_FAILED: { channel: "sms", type: "bounced" },
  SMS_BOUNCE: { channel: "sms", type: "bounced" },
  SMS_OPT_IN: { channel: "sms", type: "opted_in" },
  SMS_OPT_OUT: { channel: "sms", type: "opted_out" },
  SMS_CLICK: { channel: "sms", type: "clicked" },
};

const FILE_NAME = /^(\d+)_([A-Z_]+?)_(\d{8})_(\d{6})\.(txt|csv|json|jsonl|ndjson)(\.(pgp|gpg|asc))?$/i;
const JSON_FILE = /\.(json|jsonl|ndjson)(\.(pgp|gpg|asc))?$/i;

/** The account id and event kind of an activity file, or null for any other file. */
export function activityFileInfo(
  name: string,
): { accountId: string; channel: ActivityChannel; type: ActivityEventType } | null {
  const match = FILE_NAME.exec(name);
  const event = match?.[2] ? FILE_EVENTS[match[2].toUpperCase()] : undefined;
  if (!match?.[1] || !event) return null;
  return { accountId: match[1], ...event };
}

/** Account ids found in the folder's activity file names, sorted. */
export function detectAccountIds(names: string[]): string[] {
  return [...new Set(names.map((n) => activityFileInfo(n)?.accountId).filter((v): v is string => Boolean(v)))].sort();
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** Responsys dates: 20-NOV-2026 05:41:07 (UTC [assumed]), or ISO 8601. */
export function parseEventDate(value: string): Date | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (m) {
    const month = MONTHS.indexOf((m[2] ?? "").toUpperCase());
    if (month === -1) return null;
    const date = new Date(Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])));
    return Number.isNaN(date.getTime()) ? null : date;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value.trim())) return null;
  const iso = new Date(value.trim());
  return Number.isNaN(iso.getTime()) ? null : iso;
}

/** Splits one line on the delimiter; double quotes group a field and "" is a quote, as in CSV. */
export function splitLine(line: string, delimiter: string): string[] | null {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      out.push(field);
      field = "";
    } else field += ch;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

export type ActivityRow = {
  externalEventId: string;
  accountId: string;
  channel: ActivityChannel;
  eventType: ActivityEventType;
  email: string | null;
  mobileNumber: string | null;
  riid: string | null;
  occurredAt: Date;
  payload: Record<string, string>;
};

type Parsed = { rows: ActivityRow[]; errors: { line: number; reason: string }[]; lines: number };
type Info = NonNullable<ReturnType<typeof activityFileInfo>>;
/** One record of a file, by its line (a JSON array's item number), column name -> value. */
type RawRecord = { line: number; payload: Record<string, string> } | { line: number; reason: string };

/**
 * The good rows of one activity file and the lines it could not read, with why. A line's id is
 * a hash of the event kind and the line's values, so the same event read again (the file
 * re-read, or repeated in a later file) is ingested once.
 */
export function parseActivityFile(name: string, text: string, delimiter: string): Parsed {
  const info = activityFileInfo(name);
  if (!info)
    return {
      rows: [],
      errors: [
        { line: 0, reason: `${name} is not a Responsys activity file name (<account>_<EVENT>_<date>_<time>.txt)` },
      ],
      lines: 0,
    };
  const body = text.replace(/^\uFEFF/, "");
  const read = JSON_FILE.test(name) ? jsonRecords(body) : delimitedRecords(body, delimiter);
  if ("reason" in read) return { rows: [], errors: [{ line: 1, reason: read.reason }], lines: read.lines };
  const rows: ActivityRow[] = [];
  const errors: { line: number; reason: string }[] = [];
  for (const record of read.records) {
    const row = "reason" in record ? record : toRow(info, record.line, record.payload);
    if ("reason" in row) errors.push({ line: row.line, reason: row.reason });
    else rows.push(row);
  }
  return { rows, errors, lines: read.records.length };
}

/** Delimited text: a header line naming the columns, then one event per line. */
function delimitedRecords(
  body: string,
  delimiter: string,
): { records: RawRecord[] } | { reason: string; lines: number } {
  const lines = body.split(/\r?\n/);
  const header = splitLine(lines[0] ?? "", delimiter)?.map((h) => h.trim().toUpperCase()) ?? [];
  if (
    !header.includes("EVENT_CAPTURED_DT") ||
    !(header.includes("EMAIL_ADDRESS") || header.includes("MOBILE_NUMBER") || header.includes("RIID"))
  ) {
    const reason =
      header.length <= 1
        ? `The header line has one column: is the delimiter "${delimiter}" right for this file?`
        : "The header line needs EVENT_CAPTURED_DT and one of EMAIL_ADDRESS, MOBILE_NUMBER or RIID";
    return { reason, lines: Math.max(0, lines.filter((l) => l.trim()).length - 1) };
  }
  const records: RawRecord[] = [];
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (!raw.trim()) return;
    const values = splitLine(raw, delimiter);
    if (!values) return records.push({ line, reason: "A quoted value is not closed" });
    if (values.length !== header.length)
      return records.push({ line, reason: `${values.length} values for ${header.length} columns` });
    records.push({ line, payload: Object.fromEntries(header.map((h, k) => [h, (values[k] ?? "").trim()])) });
  });
  return { records };
}

/** A JSON value as column text: strings trimmed, nothing for null, anything else as JSON (12, true). */
const jsonText = (v: unknown) =>
  typeof v === "string" ? v.trim() : v === null || v === undefined ? "" : JSON.stringify(v);

function jsonRecord(line: number, value: unknown): RawRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { line, reason: "Not a JSON object of column names and values" };
  return {
    line,
    payload: Object.fromEntries(Object.entries(value).map(([k, v]) => [k.trim().toUpperCase(), jsonText(v)])),
  };
}

/** JSON: one array of objects (numbered by item), or one object per line. */
function jsonRecords(body: string): { records: RawRecord[] } | { reason: string; lines: number } {
  if (body.trimStart().startsWith("[")) {
    let items: unknown;
    try {
      items = JSON.parse(body);
    } catch (error) {
      return { reason: `The file is not a JSON array: ${(error as Error).message}`, lines: 0 };
    }
    return { records: (items as unknown[]).map((item, i) => jsonRecord(i + 1, item)) };
  }
  const records: RawRecord[] = [];
  body.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      records.push(jsonRecord(i + 1, JSON.parse(raw)));
    } catch {
      records.push({ line: i + 1, reason: "Not a JSON object" });
    }
  });
  return { records };
}

/** One record as an event, or why it cannot be one. */
function toRow(
  info: Info,
  line: number,
  payload: Record<string, string>,
): ActivityRow | { line: number; reason: string } {
  const accountId = payload.ACCOUNT_ID || info.accountId;
  const occurredAt = parseEventDate(payload.EVENT_CAPTURED_DT ?? "");
  if (!occurredAt)
    return {
      line,
      reason: `EVENT_CAPTURED_DT "${payload.EVENT_CAPTURED_DT ?? ""}" is not a date like 20-NOV-2026 05:41:07`,
    };
  const email = payload.EMAIL_ADDRESS?.toLowerCase() || null;
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    return { line, reason: `EMAIL_ADDRESS "${email}" is not an email address` };
  const mobileNumber = payload.MOBILE_NUMBER || null;
  const riid = payload.RIID || null;
  if (!email && !mobileNumber && !riid)
    return { line, reason: "No EMAIL_ADDRESS, MOBILE_NUMBER or RIID to match a contact" };
  const columns = Object.keys(payload);
  const externalEventId = createHash("sha256")
    .update(`${info.channel}|${info.type}|${columns.map((h) => payload[h]).join("\u0001")}`)
    .digest("hex");
  return {
    externalEventId,
    accountId,
    channel: info.channel,
    eventType: info.type,
    email,
    mobileNumber,
    riid,
    occurredAt,
    payload,
  };
}
