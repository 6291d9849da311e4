"use client";

import { createContext, useContext, useMemo } from "react";
import { DEFAULT_LOCALE } from "./locale";

const MINUTE = 60_000;

/**
 * Every date, number and duration the portal shows, in one locale. The root layout picks the
 * locale from the request, so the server render and the browser produce the same words.
 */
export function formatters(locale: string) {
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const count = new Intl.NumberFormat(locale);
  const share = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  // A calendar day or a clock time as the schedule holds them ("2026-06-01", "09:00"): read as
  // UTC and shown as UTC, so no time zone moves them.
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const clock = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: "UTC" });
  const relative = new Intl.RelativeTimeFormat(locale);
  const hours = new Intl.NumberFormat(locale, { style: "unit", unit: "hour", unitDisplay: "narrow" });
  const minutes = new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "narrow" });
  const seconds = new Intl.NumberFormat(locale, { style: "unit", unit: "second", unitDisplay: "narrow" });
  const units = new Intl.ListFormat(locale, { type: "unit", style: "narrow" });
  const shortDay = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" });
  return {
    when: (at: Date) => when.format(at),
    count: (n: number) => count.format(n),
    /** A ratio from 0 to 1 as a percentage to one decimal at most: "42%", "0.4%", "42,5 %" in German. */
    percent: (ratio: number) => share.format(ratio),
    /** A calendar day, "2026-06-01". */
    day: (isoDay: string) => day.format(new Date(`${isoDay}T00:00:00Z`)),
    /** A time of day, "09:00" or "21:30". */
    clock: (hhmm: string) => clock.format(new Date(`1970-01-01T${hhmm}:00Z`)),
    /** A calendar day without its year, "Dec 7" ("7 Dec" in British English): a chart's axis. */
    shortDay: (isoDay: string) => shortDay.format(new Date(`${isoDay}T00:00:00Z`)),
    /** Whole minutes as hours and minutes, "0h 11m" in English, as Responsys's own range bars read. */
    duration: (totalMinutes: number) =>
      units.format([hours.format(Math.floor(totalMinutes / 60)), minutes.format(totalMinutes % 60)]),
    /** A wait in seconds: "42s" under a minute, else as duration (whole minutes). */
    wait: (totalSeconds: number) =>
      totalSeconds < 60
        ? seconds.format(Math.round(totalSeconds))
        : units.format([
            hours.format(Math.floor(totalSeconds / 3600)),
            minutes.format(Math.round(totalSeconds / 60) % 60),
          ]),
    /** "in 12 minutes", "3 hours ago", "in 2 days": minutes up to an hour, hours up to two days. */
    relative: (at: Date, now = new Date()) => {
      const m = Math.round((at.getTime() - now.getTime()) / MINUTE);
      const abs = Math.abs(m);
      if (abs < 60) return relative.format(m, "minute");
      return abs < 48 * 60 ? relative.format(Math.round(m / 60), "hour") : relative.format(Math.round(m / 1440), "day");
    },
  };
}
export type Format = ReturnType<typeof formatters>;

const FormatContext = createContext<Format>(formatters(DEFAULT_LOCALE));

export function LocaleProvider({ locale, children }: { locale: string; children: React.ReactNode }) {
  const format = useMemo(() => formatters(locale), [locale]);
  return <FormatContext value={format}>{children}</FormatContext>;
}

export const useFormat = () => useContext(FormatContext);

// The server renders times in its own time zone and the browser in the reader's, so the text
// of a <time> may change on hydration: expected, hence the warning is suppressed.
/** A date and time, for table cells and lines of text. */
export function When({ value, className }: { value: Date; className?: string }) {
  const format = useFormat();
  return (
    <time dateTime={value.toISOString()} className={className} suppressHydrationWarning>
      {format.when(value)}
    </time>
  );
}

/** A whole number with the locale's grouping, for table cells. */
export function Count({ value }: { value: number }) {
  return useFormat().count(value);
}
