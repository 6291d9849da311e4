"use client";

import { Fieldset } from "@/app/_components/ui/fieldset";
import { useFormat } from "@/app/_components/format";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Select } from "@/app/_components/ui/input";
import { LAST_MESSAGE_STATUS, MAX_STATUS_TIMEOUT_MINUTES } from "@/server/domains/campaign/schema";
import { nullable, useBuilderForm } from "./form";

/** Where each message's final status is written back, and how long to wait for it. */
export function OutputParameters({ attributeKeys }: { attributeKeys: string[] }) {
  const format = useFormat();
  const form = useBuilderForm();
  const values = form.watch();
  return (
    <Fieldset legend="Output parameters (optional)" className="space-y-4">
      <FormField
        control={form.control}
        name="statusField"
        render={({ field }) => (
          <FormItem id="campaign-statusField">
            <FormLabel aside="LAST_MESSAGE_STATUS">Last message status</FormLabel>
            <FormControl>
              <Select className="w-full" {...nullable(form, field)}>
                <option value="">Do not write the status back</option>
                <option value={LAST_MESSAGE_STATUS}>Last message status (contact field)</option>
                {values.statusField?.startsWith("attr:") && !attributeKeys.includes(values.statusField.slice(5)) ? (
                  <option value={values.statusField}>{values.statusField.slice(5)} (custom attribute)</option>
                ) : null}
                {attributeKeys.map((k) => (
                  <option key={k} value={`attr:${k}`}>
                    {k} (custom attribute)
                  </option>
                ))}
              </Select>
            </FormControl>
            <FormDescription>The contact field that receives each message&apos;s final status.</FormDescription>
            <FormMessage />
          </FormItem>
        )}
      />
      <FormField
        control={form.control}
        name="statusTimeoutMinutes"
        render={({ field }) => (
          <FormItem id="campaign-statusTimeoutMinutes">
            <FormLabel>Timeout for receiving message statuses</FormLabel>
            <div className="flex items-center gap-4">
              <FormControl>
                <input
                  type="range"
                  min={0}
                  max={MAX_STATUS_TIMEOUT_MINUTES}
                  step={1}
                  className="w-full accent-brand-600"
                  aria-valuetext={format.duration(field.value)}
                  {...field}
                  onChange={(e) => field.onChange(e.target.valueAsNumber)}
                />
              </FormControl>
              <output
                htmlFor="campaign-statusTimeoutMinutes"
                className="w-20 shrink-0 text-right font-mono text-sm tabular-nums"
              >
                {format.duration(field.value)}
              </output>
            </div>
            <FormDescription>
              How long to wait for delivery statuses before the last one is written back: 0 to 24 hours.
            </FormDescription>
            <FormMessage />
          </FormItem>
        )}
      />
    </Fieldset>
  );
}
