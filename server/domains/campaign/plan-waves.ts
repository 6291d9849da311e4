import type { Db } from "@/db/client";
import { findKnownTimeZones, findLocalTimeInZones, findWorkspaceTimeZone } from "./schedule-queries";
import { campaignSchedule } from "./schema";

/** One wave of a scheduled send: the zone, the local and UTC time it goes, and how many it reaches. */
export type PlannedWave = {
  zone: string;
  local: string;
  at: string;
  count: number;
  // The workspace's default time zone, for contacts with none (or one PostgreSQL does not know).
  isDefault: boolean;
};

/**
 * The waves a scheduled campaign's first occurrence goes in, from how many recipients each
 * stored zone has (null: none stored). The zones are resolved as run-scheduled-campaigns does:
 * an unknown or missing zone is the workspace's default, an unknown default is UTC. Earliest
 * first. Null when the campaign has no date to send at (not scheduled, or "as soon as launched").
 */
export async function planWaves(
  db: Db,
  workspaceId: string,
  campaign: { trigger: string; schedule: unknown },
  countsByZone: Map<string | null, number>,
): Promise<PlannedWave[] | null> {
  if (campaign.trigger !== "scheduled") return null;
  const schedule = campaignSchedule.safeParse(campaign.schedule);
  if (!schedule.success || !schedule.data.date) return null;
  const local = `${schedule.data.date}T${schedule.data.time}`;
  const [known, workspaceZone] = await Promise.all([findKnownTimeZones(db), findWorkspaceTimeZone(db, workspaceId)]);
  const fallback = known.has(workspaceZone) ? workspaceZone : "UTC";
  const counts = new Map<string, number>();
  for (const [stored, n] of countsByZone) {
    const zone = stored !== null && known.has(stored) ? stored : fallback;
    counts.set(zone, (counts.get(zone) ?? 0) + n);
  }
  const times = await findLocalTimeInZones(db, [...counts.keys()], local);
  return times
    .map(({ zone, at }) => ({ zone, local, at, count: counts.get(zone) ?? 0, isDefault: zone === fallback }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.zone.localeCompare(b.zone));
}
