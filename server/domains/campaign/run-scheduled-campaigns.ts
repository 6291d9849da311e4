import type { Db } from "@/db/client";
import {
  findContactTimeZones,
  findKnownTimeZones,
  findScheduledCampaigns,
  findZonesReachingLocalTime,
  startScheduledWaves,
} from "./schedule-queries";
import { campaignSchedule } from "./schema";

const everyDays = { once: 0, daily: 1, weekly: 7 } as const;

/** What send-campaign queues in one wave: contacts whose time_zone is listed, and with `unzoned` those with none. */
export type ScheduledWave = {
  campaignId: string;
  occurrence: string;
  wave: { at: string; timeZones: string[]; unzoned: boolean; last: boolean };
};

/**
 * Scheduled bulk sends, as Mitto's Responsys app puts it: "the time zone that your list/contacts
 * have assigned, will be the sent time". A schedule's date and time is a wall-clock time, reached
 * by each recipient's zone in turn (UTC+14 first, UTC-12 some 26 hours later); its key is that
 * local time (2026-03-10T09:00). A contact without a time zone, or with one PostgreSQL does not
 * know, gets the workspace's (UTC when that one is unknown too).
 *
 * Each run hands send-campaign a wave per occurrence with the zones that reached it since the
 * campaign's last wave (so a run twice in a minute starts nothing twice, and zones missed while
 * paused or down go at the next run). Only the zones present among the workspace's contacts
 * count, so the wave in which the last of them arrives is marked last: after it, the audience
 * counts as queued and the campaign finishes as before. A repeating schedule sends each zone
 * its latest occurrence only, and starts with the first occurrence after launch in each zone; a
 * one-off sends at once to zones whose time had passed at launch.
 */
export async function takeDueCampaigns(db: Db, now = new Date()): Promise<ScheduledWave[]> {
  const campaigns = await findScheduledCampaigns(db);
  if (campaigns.length === 0) return [];
  const known = await findKnownTimeZones(db);
  const waves: ScheduledWave[] = [];
  for (const campaign of campaigns) {
    const schedule = campaignSchedule.safeParse(campaign.schedule);
    if (!schedule.success || !schedule.data.date) continue;
    const { frequency, date, time } = schedule.data;
    const fallback = known.has(campaign.workspaceTimeZone) ? campaign.workspaceTimeZone : "UTC";
    const zoneOf = (stored: string | null) => (stored !== null && known.has(stored) ? stored : fallback);
    const stored = await findContactTimeZones(db, campaign.workspaceId);
    const reached = await findZonesReachingLocalTime(db, {
      zones: [...new Set([fallback, ...stored.map(zoneOf)])],
      first: `${date}T${time}`,
      everyDays: everyDays[frequency],
      after: campaign.scheduledThrough ?? (frequency === "once" ? null : campaign.launchedAt),
      now,
    });
    if (reached.length === 0 || !(await startScheduledWaves(db, campaign.id, campaign.scheduledThrough, now))) continue;
    for (const occurrence of new Set(reached.map((r) => r.occurrence))) {
      const zones = new Set(reached.filter((r) => r.occurrence === occurrence).map((r) => r.zone));
      waves.push({
        campaignId: campaign.id,
        occurrence,
        wave: {
          at: now.toISOString(),
          timeZones: stored.filter((s): s is string => s !== null && zones.has(zoneOf(s))),
          unzoned: zones.has(fallback),
          last: reached.some((r) => r.occurrence === occurrence && r.last),
        },
      });
    }
  }
  return waves;
}
