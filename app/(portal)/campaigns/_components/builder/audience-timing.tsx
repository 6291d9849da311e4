"use client";

import { Fieldset } from "@/app/_components/ui/fieldset";
import { useFormat } from "@/app/_components/format";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Input, Select } from "@/app/_components/ui/input";
import type { CampaignOptions } from "@/server/domains/campaign/get-campaign-options";
import { frequencies } from "@/server/domains/campaign/schema";
import type { CampaignData } from "../campaign-builder";
import { nullable, useBuilderForm } from "./form";

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
    <Fieldset legend="Audience and timing" className="space-y-4">
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
        <FormField
          control={form.control}
          name="segmentId"
          render={({ field }) => (
            <FormItem id="campaign-segmentId">
              <FormLabel>Segment</FormLabel>
              <FormControl>
                <Select className="w-full" {...nullable(form, field)}>
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
              </FormControl>
              <FormDescription>
                {values.trigger === "scheduled"
                  ? "Who receives the campaign at each send."
                  : "Optional: the preview of recipients uses it as a sample audience."}
              </FormDescription>
              <FormMessage />
            </FormItem>
          )}
        />
      )}
      {values.trigger === "scheduled" ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField
            control={form.control}
            name="schedule.frequency"
            render={({ field }) => (
              // An issue with the schedule as a whole shows here, at its first field.
              <FormItem
                id="campaign-schedule-frequency"
                error={errors.schedule?.frequency?.message ?? errors.schedule?.message}
              >
                <FormLabel>Frequency</FormLabel>
                <FormControl>
                  <Select className="w-full" {...field}>
                    {frequencies.map((f) => (
                      <option key={f} value={f}>
                        {frequencyLabels[f]}
                      </option>
                    ))}
                  </Select>
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="schedule.date"
            render={({ field }) => (
              <FormItem id="campaign-schedule-date">
                <FormLabel>{values.schedule?.frequency === "once" ? "Date" : "First date"}</FormLabel>
                <FormControl>
                  <Input
                    type="date"
                    {...field}
                    value={field.value ?? ""}
                    onChange={(e) => field.onChange(e.target.value || null)}
                  />
                </FormControl>
                {values.schedule?.frequency === "once" ? (
                  <FormDescription>Leave empty to send as soon as it is launched.</FormDescription>
                ) : null}
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="schedule.time"
            render={({ field }) => (
              <FormItem id="campaign-schedule-time">
                <FormLabel>Time</FormLabel>
                <FormControl>
                  <Input type="time" {...field} />
                </FormControl>
                <FormDescription>
                  {`In each contact's own time zone (set on the contact, or the zone of its number's country when that country has one); contacts without one get it in ${opts.timeZone}, the workspace's time zone. Preview recipients shows the waves per zone.`}
                </FormDescription>
                <FormMessage />
              </FormItem>
            )}
          />
        </div>
      ) : null}
    </Fieldset>
  );
}
