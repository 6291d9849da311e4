import { createHash } from "node:crypto";
import type { ActivityChannel, ActivityEventType } from "./activity-files";
import { STEMS } from "./activity-fields";

// Per-contact aggregates of Responsys activity (activity-fields.ts names them), kept in
// contacts.activity. Timestamps are ISO 8601 rather than epoch ms: readable and comparable.

export type ActivityEvent = {
  channel: ActivityChannel;
  eventType: ActivityEventType;
  occurredAt: Date;
  payload: Record<string, unknown>;
};
type Doc = Record<string, unknown>;

const iso = (d: Date) => d.toISOString();
const later = (a: unknown, b: string) => (typeof a === "string" && a >= b ? a : b);
const earlier = (a: unknown, b: string) => (typeof a === "string" && a <= b ? a : b);
const text = (v: unknown) =>
  typeof v === "string" ? v.trim() : typeof v === "number" || typeof v === "boolean" ? String(v) : "";

function addToSet(doc: Doc, key: string, value: string) {
  if (!value) return;
  const set = Array.isArray(doc[key]) ? (doc[key] as string[]) : [];
  // Bounded, so one very active contact cannot grow the document without limit.
  if (!set.includes(value) && set.length < 100) doc[key] = [...set, value];
}

function count(doc: Doc, key: string, bucket: string) {
  const map = (doc[key] && typeof doc[key] === "object" ? { ...(doc[key] as Record<string, number>) } : {}) as Record<
    string,
    number
  >;
  map[bucket] = (map[bucket] ?? 0) + 1;
  doc[key] = map;
}

/** The host and path of a URL without query or fragment (Lytics' urlmain). */
function urlMain(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`.replace(/\/+$/, "");
  } catch {
    return url.split(/[?#]/)[0] ?? url;
  }
}

/** The activity document with these newly ingested events added (each event once: the caller inserts before it aggregates). */
export function applyActivity(current: Doc, events: ActivityEvent[]): Doc {
  const doc: Doc = { ...current };
  for (const e of events) {
    const at = iso(e.occurredAt);
    const p = e.payload;
    const stem = STEMS[e.channel][e.eventType];
    if (stem) {
      const ct = `${e.channel}_${stem}_ct`;
      doc[ct] = (typeof doc[ct] === "number" ? doc[ct] : 0) + 1;
      doc[`${e.channel}_first_${stem}_ts`] = earlier(doc[`${e.channel}_first_${stem}_ts`], at);
      doc[`${e.channel}_last_${stem}_ts`] = later(doc[`${e.channel}_last_${stem}_ts`], at);
    }
    doc.last_active_ts = later(doc.last_active_ts, at);
    const channels = { ...((doc.last_channel_activities as Record<string, string> | undefined) ?? {}) };
    channels[e.channel] = later(channels[e.channel], at);
    doc.last_channel_activities = channels;
    addToSet(doc, "channels", e.channel);
    if (text(p.CAMPAIGN_ID)) doc.rs_campaign_id = text(p.CAMPAIGN_ID);
    if (text(p.RIID)) doc.rs_user_id = text(p.RIID);
    addToSet(doc, "rs_list_id", text(p.LIST_ID));
    addToSet(doc, "rs_categories", text(p.OFFER_CATEGORY));
    addToSet(doc, "rs_offers", text(p.OFFER_NAME));
    addToSet(doc, "rs_segments", text(p.SEGMENT_INFO));
    const url = text(p.OFFER_URL);
    if (url) {
      addToSet(doc, "email_urls", url);
      count(doc, "hashedurls", createHash("sha256").update(urlMain(url)).digest("hex").slice(0, 16));
    }
    const email = text(p.EMAIL_ADDRESS).toLowerCase();
    if (email.includes("@")) doc.email_domain = email.split("@")[1];
    count(doc, "hourly", String(e.occurredAt.getUTCHours()));
    count(doc, "hour_of_week", String(e.occurredAt.getUTCDay() * 24 + e.occurredAt.getUTCHours()));
    count(doc, "month_of_year", String(e.occurredAt.getUTCMonth() + 1));
  }
  return doc;
}
