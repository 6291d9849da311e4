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
  const relative = new Intl.RelativeTimeFormat(locale);
  const hours = new Intl.NumberFormat(locale, { style: "unit", unit: "hour", unitDisplay: "narrow" });
  const minutes = new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "narrow" });
  const units = new Intl.ListFormat(locale, { type: "unit", style: "narrow" });
  return {
    when: (at: Date) => when.format(at),
    count: (n: number) => count.format(n),
    /** Whole minutes as hours and minutes, "0h 11m" in English, as Responsys's own range bars read. */
    duration: (totalMinutes: number) =>
      units.format([hours.format(Math.floor(totalMinutes / 60)), minutes.format(totalMinutes % 60)]),
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
