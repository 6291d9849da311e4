"use client";

import { useFormat } from "@/app/_components/format";
import { Field } from "@/app/_components/ui/field";
import { Input, Select } from "@/app/_components/ui/input";
import type { CampaignOptions } from "@/server/domains/campaign/get-campaign-options";
import { frequencies } from "@/server/domains/campaign/schema";
import type { CampaignData } from "../campaign-builder";
import { describedBy, legendClass, nullable, sectionClass, useBuilderForm } from "./form";

const frequencyLabels: Record<(typeof frequencies)[number], string> = {
  once: "Once",
  daily: "Daily",
  weekly: "Weekly",
};

/** What starts a send, the segment it goes to, and when a scheduled campaign runs. */
export function AudienceTiming({ data, opts }: { data: CampaignData; opts: CampaignOptions }) {
  const format = useFormat();
  const form = useBuilderForm();
  const { errors } = form.formState;
  const values = form.watch();
  return (
    <fieldset className={sectionClass}>
      <legend className={legendClass}>Audience and timing</legend>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Send</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" value="contact_activated" {...form.register("trigger")} />
            When a contact is created or imported
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" value="scheduled" {...form.register("trigger")} />
            On a schedule, to a segment
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" value="dialer" {...form.register("trigger")} />
            From uploaded dialer lists (uContact CSV)
          </label>
        </div>
      </fieldset>
      {values.trigger === "dialer" ? null : (
        <Field
          id="campaign-segmentId"
          label="Segment"
          hint={
            values.trigger === "scheduled"
              ? "Who receives the campaign at each send."
              : "Optional: the preview of recipients uses it as a sample audience."
          }
          error={errors.segmentId?.message}
        >
          <Select
            id="campaign-segmentId"
            className="w-full"
            {...nullable(form, "segmentId")}
            aria-invalid={!!errors.segmentId}
            aria-describedby={describedBy("campaign-segmentId", true, errors.segmentId)}
          >
            <option value="">{values.trigger === "scheduled" ? "Choose a segment…" : "No segment"}</option>
            {values.segmentId &&
            !opts.segments.some((s) => s.id === values.segmentId) &&
            data.segment?.id === values.segmentId ? (
              <option value={data.segment.id}>{data.segment.name}</option>
            ) : null}
            {opts.segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.lastCount === null ? "" : ` (${format.count(s.lastCount)} contacts when last counted)`}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {values.trigger === "scheduled" ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            id="campaign-schedule-frequency"
            label="Frequency"
            error={errors.schedule?.frequency?.message ?? errors.schedule?.message}
          >
            <Select
              id="campaign-schedule-frequency"
              className="w-full"
              aria-describedby={describedBy(
                "campaign-schedule-frequency",
                false,
                errors.schedule?.frequency ?? errors.schedule,
              )}
              {...form.register("schedule.frequency")}
            >
              {frequencies.map((f) => (
                <option key={f} value={f}>
                  {frequencyLabels[f]}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            id="campaign-schedule-date"
            label={values.schedule?.frequency === "once" ? "Date" : "First date"}
            hint={values.schedule?.frequency === "once" ? "Leave empty to send as soon as it is launched." : undefined}
            error={errors.schedule?.date?.message}
          >
            <Input
              id="campaign-schedule-date"
              type="date"
              value={values.schedule?.date ?? ""}
              onChange={(e) => form.setValue("schedule.date", e.target.value || null, { shouldDirty: true })}
              aria-invalid={!!errors.schedule?.date}
              aria-describedby={describedBy(
                "campaign-schedule-date",
                values.schedule?.frequency === "once",
                errors.schedule?.date,
              )}
            />
          </Field>
          <Field
            id="campaign-schedule-time"
            label="Time"
            hint={`In each contact's own time zone; contacts without one get it in ${opts.timeZone}, the workspace's time zone.`}
            error={errors.schedule?.time?.message}
          >
            <Input
              id="campaign-schedule-time"
              type="time"
              aria-invalid={!!errors.schedule?.time}
              aria-describedby={describedBy("campaign-schedule-time", true, errors.schedule?.time)}
              {...form.register("schedule.time")}
            />
          </Field>
        </div>
      ) : null}
    </fieldset>
  );
}
