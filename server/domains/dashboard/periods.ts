// Apart from schema.ts, so the page's period buttons ship no zod to the browser.
/** The dashboard's periods: the last 7 or 30 days, today included. */
export const dashboardPeriods = [7, 30] as const;
