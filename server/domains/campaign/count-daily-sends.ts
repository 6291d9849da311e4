import type { Db } from "@/db/client";
import { countSendsByDay } from "./queries";

const share = (n: number, of: number) => (of > 0 ? n / of : null);

/**
 * The workspace's campaign messages handed to vendors on each of `days` ("YYYY-MM-DD" in
 * `timeZone`, oldest first), with the shares of them delivered, read and failed so far, per day
 * and over all of them. Test sends are left out.
 */
export async function countDailySends(db: Db, workspaceId: string, timeZone: string, days: string[]) {
  const rows = days[0] ? await countSendsByDay(db, workspaceId, timeZone, days[0]) : [];
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const withRates = (c: { sent: number; delivered: number; read: number; failed: number }) => ({
    ...c,
    deliveredRate: share(c.delivered, c.sent),
    readRate: share(c.read, c.sent),
    failedRate: share(c.failed, c.sent),
  });
  const series = days.map((day) => {
    const r = byDay.get(day);
    return {
      day,
      ...withRates({ sent: r?.sent ?? 0, delivered: r?.delivered ?? 0, read: r?.read ?? 0, failed: r?.failed ?? 0 }),
    };
  });
  const sum = (key: "sent" | "delivered" | "read" | "failed") => series.reduce((n, d) => n + d[key], 0);
  return {
    days: series,
    totals: withRates({ sent: sum("sent"), delivered: sum("delivered"), read: sum("read"), failed: sum("failed") }),
  };
}
