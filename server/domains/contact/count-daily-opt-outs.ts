import type { Db } from "@/db/client";
import { countOptOutsByDay } from "./queries";
import { channels, type Channel } from "./schema";

/**
 * Opt-outs recorded on each of `days` ("YYYY-MM-DD" in `timeZone`, oldest first), per channel,
 * and each channel's total over them: every STOP, vendor unsubscribe, import or admin change.
 */
export async function countDailyOptOuts(db: Db, workspaceId: string, timeZone: string, days: string[]) {
  const rows = days[0] ? await countOptOutsByDay(db, workspaceId, timeZone, days[0]) : [];
  const none = (): Record<Channel, number> => ({ whatsapp: 0, sms: 0, email: 0 });
  const byDay = new Map(days.map((day) => [day, none()]));
  const totals = none();
  for (const r of rows) {
    const counts = byDay.get(r.day);
    if (!counts) continue;
    counts[r.channel] += r.n;
    totals[r.channel] += r.n;
  }
  return {
    days: days.map((day) => ({ day, ...(byDay.get(day) ?? none()) })),
    totals,
    total: channels.reduce((n, c) => n + totals[c], 0),
  };
}
