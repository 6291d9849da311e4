import type { ActivityChannel, ActivityEventType } from "./activity-files";

// The names of the per-contact Responsys aggregates (email_sent_ct, sms_first_open_ts…). Kept apart
// from activity-aggregates.ts, which needs node:crypto, because the segment schema imports these
// and the segment builder runs that schema in the browser.

/** Field-name stems per channel and event; SMS "delivered" is named sms_open. */
export const STEMS: Record<ActivityChannel, Partial<Record<ActivityEventType, string>>> = {
  email: {
    sent: "sent",
    bounced: "bounce",
    opened: "open",
    clicked: "click",
    opted_in: "opt_in",
    opted_out: "opt_out",
    complaint: "complaint",
  },
  sms: { sent: "sent", delivered: "open", bounced: "bounce", opted_in: "opt_in", opted_out: "opt_out" },
};

/** Every aggregate field, for the contact screen and the segment builder to list. */
export const activityFields: string[] = [
  ...(["email", "sms"] as const).flatMap((ch) =>
    Object.values(STEMS[ch]).flatMap((stem) => [`${ch}_${stem}_ct`, `${ch}_first_${stem}_ts`, `${ch}_last_${stem}_ts`]),
  ),
  "last_active_ts",
  "last_channel_activities",
  "channels",
  "rs_campaign_id",
  "rs_user_id",
  "rs_list_id",
  "rs_categories",
  "rs_offers",
  "email_urls",
  "rs_segments",
  "email_domain",
  "hashedurls",
  "hourly",
  "hour_of_week",
  "month_of_year",
];
