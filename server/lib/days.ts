const DAY_MS = 86_400_000;

/**
 * The last `count` calendar days in `timeZone`, oldest first and today last, as "YYYY-MM-DD":
 * the range a per-day chart reads, days without rows included. (Queries turn the first one into
 * its local midnight with `::timestamp at time zone`, which knows the zone's offset on that day.)
 */
export function lastDays(count: number, timeZone: string, now = new Date()): string[] {
  const todayIn = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  // Calendar arithmetic on the date alone (as UTC), so a DST change cannot skip or repeat a day.
  const today = Date.parse(`${todayIn.format(now)}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}
