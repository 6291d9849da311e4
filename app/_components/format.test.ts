import { describe, expect, it } from "vitest";
import { formatters } from "./format";

const us = formatters("en-US");

describe("formatters", () => {
  it("groups counts in the locale's way", () => {
    expect(us.count(1234567)).toBe("1,234,567");
    expect(formatters("de-DE").count(1234567)).toBe("1.234.567");
  });

  it("shows shares, days and times of day in the locale's way", () => {
    expect(us.percent(0.42)).toBe("42%");
    expect(us.percent(0.0041)).toBe("0.4%");
    expect(formatters("de-DE").percent(0.4251)).toBe("42,5\u00a0%");
    expect(us.day("2026-06-01")).toBe("Jun 1, 2026");
    expect(formatters("de-DE").day("2026-06-01")).toBe("01.06.2026");
    expect(us.clock("21:30")).toBe("9:30 PM");
    expect(formatters("en-GB").clock("09:00")).toBe("09:00");
  });

  it("reads durations as hours and minutes, as the Responsys app does in English", () => {
    expect(us.duration(11)).toBe("0h 11m");
    expect(us.duration(125)).toBe("2h 5m");
  });

  it("says how far a time is in minutes, then hours, then days", () => {
    const now = new Date("2025-01-05T12:00:00Z");
    const at = (minutes: number) => us.relative(new Date(now.getTime() + minutes * 60_000), now);
    expect(at(12)).toBe("in 12 minutes");
    expect(at(-8)).toBe("8 minutes ago");
    expect(at(-59)).toBe("59 minutes ago");
    expect(at(90)).toBe("in 2 hours");
    expect(at(47 * 60)).toBe("in 47 hours");
    expect(at(-3 * 1440)).toBe("3 days ago");
  });

  it("writes a chart's calendar day without its year, the same day in any time zone", () => {
    expect(us.shortDay("2026-12-07")).toBe("Dec 7");
    expect(formatters("en-GB").shortDay("2026-01-31")).toBe("31 Jan");
  });
});
