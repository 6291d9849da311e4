import { z } from "zod";

// Pushing a segment to Annex Cloud (POST /segment). Shared by the push form and the
// use case; kept apart from schema.ts, which holds the segment builder's own inputs.

export const annexSegmentTypes = ["Current Data", "Past Data"] as const;
export const annexSegmentStatuses = ["ACTIVE", "INACTIVE"] as const;

const isCalendarDate = (v: string) => {
  const parsed = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(v);
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

// An empty form input counts as "not given".
const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || ISO_DAY.test(v), `Enter the ${label} as yyyy-mm-dd`)
    .refine((v) => !ISO_DAY.test(v) || isCalendarDate(v), `The ${label} is not a real date`)
    .optional()
    .transform((v) => v || undefined);

const text = (label: string) =>
  z.string().trim().min(1, `Enter the ${label}`).max(255, `The ${label} is at most 255 characters`);

const fields = {
  integrationId: z.uuid("Choose the Attentive integration that holds the Annex Cloud site"),
  name: text("segment name"),
  type: z.enum(annexSegmentTypes, { error: 'Choose "Current Data" or "Past Data"' }),
  fromDate: optionalDate("start date"),
  toDate: optionalDate("end date"),
  status: z.enum(annexSegmentStatuses, { error: "Choose ACTIVE or INACTIVE" }),
  externalId: text("external id"),
  externalName: text("external name"),
};

/**
 * Date rules. Annex Cloud gives the dates as yyyy-mm-dd and marks no field optional; its "Current
 * Data" sample still carries a range. A range only selects something for past data, so it is
 * required there and optional for current data [assumed: if Annex Cloud wants one anyway, its error
 * is shown]. Dates come in pairs, and the range may not run backwards.
 */
function checkDates(
  v: { type: (typeof annexSegmentTypes)[number]; fromDate?: string; toDate?: string },
  ctx: z.RefinementCtx,
) {
  const needed = v.type === "Past Data" || v.fromDate !== undefined || v.toDate !== undefined;
  const reason = v.type === "Past Data" ? "Past Data segments need a date range" : "Enter both dates, or neither";
  if (needed && !v.fromDate)
    ctx.addIssue({ code: "custom", path: ["fromDate"], message: `${reason}: enter the start date` });
  if (needed && !v.toDate) ctx.addIssue({ code: "custom", path: ["toDate"], message: `${reason}: enter the end date` });
  if (v.fromDate && v.toDate && v.fromDate > v.toDate)
    ctx.addIssue({ code: "custom", path: ["toDate"], message: "The end date must be on or after the start date" });
}

/** The push form (the segment is the page's). */
export const pushToAnnexForm = z.object(fields).superRefine(checkDates);
export type PushToAnnexFormValues = z.input<typeof pushToAnnexForm>;

export const pushSegmentToAnnexInput = z
  .object({ segmentId: z.uuid("Choose a segment"), ...fields })
  .superRefine(checkDates);
export type PushSegmentToAnnexInput = z.output<typeof pushSegmentToAnnexInput>;
