import { createHash } from "node:crypto";

// Responsys Connect activity exports (read by activity import jobs). File names follow
// <accountId>_<EVENT>_<yyyymmdd>_<hhmmss>.txt [assumed after Responsys Connect's usual layout,
// as in the sandbox]; the event kind comes from the name, the columns from the header line.

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

const FILE_NAME = /^(\d+)_([A-Z_]+?)_(\d{8})_(\d{6})\.(txt|csv)(\.(pgp|gpg|asc))?$/i;

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

/**
 * The good rows of one activity file and the lines it could not read, with why. A line's id is
 * a hash of the event kind and the line's values, so the same event read again (the file
 * re-read, or repeated in a later file) is ingested once.
 */
export function parseActivityFile(
  name: string,
  text: string,
  delimiter: string,
): { rows: ActivityRow[]; errors: { line: number; reason: string }[]; lines: number } {
  const info = activityFileInfo(name);
  if (!info)
    return {
      rows: [],
      errors: [
        { line: 0, reason: `${name} is not a Responsys activity file name (<account>_<EVENT>_<date>_<time>.txt)` },
      ],
      lines: 0,
    };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = splitLine(lines[0] ?? "", delimiter)?.map((h) => h.trim().toUpperCase()) ?? [];
  if (
    !header.includes("EVENT_CAPTURED_DT") ||
    !(header.includes("EMAIL_ADDRESS") || header.includes("MOBILE_NUMBER") || header.includes("RIID"))
  ) {
    const reason =
      header.length <= 1
        ? `The header line has one column: is the delimiter "${delimiter}" right for this file?`
        : "The header line needs EVENT_CAPTURED_DT and one of EMAIL_ADDRESS, MOBILE_NUMBER or RIID";
    return { rows: [], errors: [{ line: 1, reason }], lines: Math.max(0, lines.filter((l) => l.trim()).length - 1) };
  }
  const rows: ActivityRow[] = [];
  const errors: { line: number; reason: string }[] = [];
  let count = 0;
  lines.slice(1).forEach((raw, i) => {
    const lineNo = i + 2;
    if (!raw.trim()) return;
    count += 1;
    const values = splitLine(raw, delimiter);
    if (!values) return errors.push({ line: lineNo, reason: "A quoted value is not closed" });
    if (values.length !== header.length)
      return errors.push({ line: lineNo, reason: `${values.length} values for ${header.length} columns` });
    const payload = Object.fromEntries(header.map((h, k) => [h, (values[k] ?? "").trim()]));
    const accountId = payload.ACCOUNT_ID || info.accountId;
    const occurredAt = parseEventDate(payload.EVENT_CAPTURED_DT ?? "");
    if (!occurredAt)
      return errors.push({
        line: lineNo,
        reason: `EVENT_CAPTURED_DT "${payload.EVENT_CAPTURED_DT ?? ""}" is not a date like 20-NOV-2026 05:41:07`,
      });
    const email = payload.EMAIL_ADDRESS?.toLowerCase() || null;
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      return errors.push({ line: lineNo, reason: `EMAIL_ADDRESS "${email}" is not an email address` });
    const mobileNumber = payload.MOBILE_NUMBER || null;
    const riid = payload.RIID || null;
    if (!email && !mobileNumber && !riid)
      return errors.push({ line: lineNo, reason: "No EMAIL_ADDRESS, MOBILE_NUMBER or RIID to match a contact" });
    const externalEventId = createHash("sha256")
      .update(`${info.channel}|${info.type}|${header.map((h) => payload[h]).join("\u0001")}`)
      .digest("hex");
    rows.push({
      externalEventId,
      accountId,
      channel: info.channel,
      eventType: info.type,
      email,
      mobileNumber,
      riid,
      occurredAt,
      payload,
    });
  });
  return { rows, errors, lines: count };
}
