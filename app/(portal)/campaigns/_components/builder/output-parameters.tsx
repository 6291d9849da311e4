"use client";

import { useFormat } from "@/app/_components/format";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/input";
import { LAST_MESSAGE_STATUS, MAX_STATUS_TIMEOUT_MINUTES } from "@/server/domains/campaign/schema";
import { describedBy, legendClass, nullable, sectionClass, useBuilderForm } from "./form";

/** Where each message's final status is written back, and how long to wait for it. */
export function OutputParameters({ attributeKeys }: { attributeKeys: string[] }) {
  const format = useFormat();
  const form = useBuilderForm();
  const { errors } = form.formState;
  const values = form.watch();
  return (
    <fieldset className={sectionClass}>
      <legend className={legendClass}>Output parameters (optional)</legend>
      <Field
        id="campaign-statusField"
        label="Last message status"
        aside="LAST_MESSAGE_STATUS"
        hint="The contact field that receives each message's final status."
        error={errors.statusField?.message}
      >
        <Select
          id="campaign-statusField"
          className="w-full"
          {...nullable(form, "statusField")}
          aria-invalid={!!errors.statusField}
          aria-describedby={describedBy("campaign-statusField", true, errors.statusField)}
        >
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
      </Field>
      <Field
        id="campaign-statusTimeoutMinutes"
        label="Timeout for receiving message statuses"
        hint="How long to wait for delivery statuses before the last one is written back: 0 to 24 hours."
        error={errors.statusTimeoutMinutes?.message}
      >
        <div className="flex items-center gap-4">
          <input
            id="campaign-statusTimeoutMinutes"
            type="range"
            min={0}
            max={MAX_STATUS_TIMEOUT_MINUTES}
            step={1}
            className="w-full accent-brand-600"
            aria-valuetext={format.duration(values.statusTimeoutMinutes)}
            aria-describedby={describedBy("campaign-statusTimeoutMinutes", true, errors.statusTimeoutMinutes)}
            {...form.register("statusTimeoutMinutes", { valueAsNumber: true })}
          />
          <output
            htmlFor="campaign-statusTimeoutMinutes"
            className="w-20 shrink-0 text-right font-mono text-sm tabular-nums"
          >
            {format.duration(values.statusTimeoutMinutes)}
          </output>
        </div>
      </Field>
    </fieldset>
  );
}
