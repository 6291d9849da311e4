import { and, eq } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import { campaignSchedule } from "./schema";

const c = schema.campaigns;
const DAY = 86_400_000;

/**
 * The instant of the occurrence due at `now`, or null. Times are UTC: a workspace time zone
 * and per-recipient local times are not modelled yet.
 */
export function dueOccurrence(raw: unknown, now: Date): Date | null {
  const parsed = campaignSchedule.safeParse(raw);
  if (!parsed.success || !parsed.data.date) return null;
  const { frequency, date, time } = parsed.data;
  const first = new Date(`${date}T${time}:00.000Z`);
  if (now < first) return null;
  if (frequency === "once") return first;
  const step = frequency === "daily" ? DAY : 7 * DAY;
  return new Date(first.getTime() + Math.floor((now.getTime() - first.getTime()) / step) * step);
}

/**
 * Scheduled campaigns whose next send is due and not yet made: each is moved to sending (only
 * if still scheduled, so two overlapping runs cannot both take it) and its occurrence returned
 * for send-campaign.
 */
export async function takeDueCampaigns(db: Db, now = new Date()) {
  const scheduled = await db.select({ id: c.id, schedule: c.schedule, queuedAt: c.queuedAt }).from(c).where(eq(c.status, "scheduled"));
  const taken: { campaignId: string; occurrence: string }[] = [];
  for (const campaign of scheduled) {
    const due = dueOccurrence(campaign.schedule, now);
    if (!due || (campaign.queuedAt && campaign.queuedAt >= due)) continue;
    const rows = await db
      .update(c)
      .set({ status: "sending", queuedAt: null, updatedAt: now })
      .where(and(eq(c.id, campaign.id), eq(c.status, "scheduled")))
      .returning({ id: c.id });
    if (rows.length > 0) taken.push({ campaignId: campaign.id, occurrence: due.toISOString() });
  }
  return taken;
}
