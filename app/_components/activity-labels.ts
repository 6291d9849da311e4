// Readable names for the Responsys activity aggregates (named like email_open_ct), shared by the
// segment builder and the contact screen. Keys follow activity-fields.ts:
// <channel>_<stem>_ct, <channel>_first_<stem>_ts, <channel>_last_<stem>_ts.

const channelNames: Record<string, string> = { email: "email", sms: "SMS" };

// [noun for counts, past event for timestamps]; SMS "open" means delivered (sms_open_ct).
const stemNames: Record<string, Record<string, [string, string]>> = {
  email: {
    sent: ["sends", "sent"],
    bounce: ["bounces", "bounce"],
    open: ["opens", "open"],
    click: ["clicks", "click"],
    opt_in: ["opt-ins", "opt-in"],
    opt_out: ["opt-outs", "opt-out"],
    complaint: ["complaints", "complaint"],
  },
  sms: {
    sent: ["sends", "sent"],
    open: ["deliveries", "delivered"],
    bounce: ["bounces", "bounce"],
    opt_in: ["opt-ins", "opt-in"],
    opt_out: ["opt-outs", "opt-out"],
  },
};

const otherNames: Record<string, string> = {
  last_active_ts: "Last active",
  last_channel_activities: "Last activity per channel",
  channels: "Channels used",
  rs_campaign_id: "Responsys campaign id",
  rs_user_id: "Responsys user id (RIID)",
  rs_list_id: "Responsys lists",
  rs_categories: "Offer categories",
  rs_offers: "Offers",
  email_urls: "Offer URLs",
  rs_segments: "Responsys segments",
  email_domain: "Email domain",
  hashedurls: "Clicked URLs (hashed)",
  hourly: "Activity by hour",
  hour_of_week: "Activity by hour of week",
  month_of_year: "Activity by month",
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The activity of one channel and stem as a row heading: ("email", "open") -> "Email opens". */
export function activityRowLabel(channel: string, stem: string): string {
  const noun = stemNames[channel]?.[stem]?.[0] ?? stem.replace(/_/g, " ");
  return `${capitalise(channelNames[channel] ?? channel)} ${noun}`;
}

/** "email_open_ct" -> "Email opens (count)", "sms_last_sent_ts" -> "Last SMS sent"; unknown keys as they are. */
export function activityKeyLabel(key: string): string {
  if (otherNames[key]) return otherNames[key];
  const count = /^(email|sms)_(.+)_ct$/.exec(key);
  if (count) {
    const [, channel = "", stem = ""] = count;
    if (stemNames[channel]?.[stem]) return `${activityRowLabel(channel, stem)} (count)`;
  }
  const at = /^(email|sms)_(first|last)_(.+)_ts$/.exec(key);
  if (at) {
    const [, channel = "", which = "", stem = ""] = at;
    const event = stemNames[channel]?.[stem]?.[1];
    if (event) return `${capitalise(which)} ${channelNames[channel] ?? channel} ${event}`;
  }
  return key;
}
