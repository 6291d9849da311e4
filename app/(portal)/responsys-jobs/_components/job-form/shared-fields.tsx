"use client";

import { useFormContext } from "react-hook-form";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Input, Select } from "@/app/_components/ui/input";
import { MAX_ADDITIONAL_FIELDS } from "@/server/domains/responsys-jobs/schema";
import { fieldLabel } from "../labels";
import type { JobFormValues, JobOptions } from "./values";

// The fields more than one job type asks for, each reading the form from its context.

/** The chosen options of a multiple select, for react-hook-form (a select's value is only the first). */
export const selectedValues = (e: React.ChangeEvent<HTMLSelectElement>) =>
  Array.from(e.target.selectedOptions, (o) => o.value);

type TextName = "label" | "description" | "exitFlagField" | "folder" | "delimiter";

export function TextField({ name, label, hint }: { name: TextName; label: string; hint?: string }) {
  const { control } = useFormContext<JobFormValues>();
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <FormControl>
            <Input autoComplete="off" {...field} />
          </FormControl>
          {hint ? <FormDescription>{hint}</FormDescription> : null}
          <FormMessage />
        </FormItem>
      )}
    />
  );
}

export function SegmentSelect({ label, segments }: { label: string; segments: JobOptions["segments"] }) {
  const { control } = useFormContext<JobFormValues>();
  return (
    <FormField
      control={control}
      name="segmentId"
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <FormControl>
            <Select className="w-full" {...field}>
              <option value="">Choose a segment</option>
              {segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </FormControl>
          <FormMessage />
        </FormItem>
      )}
    />
  );
}

export function AdditionalFields({ hint, fields }: { hint: string; fields: string[] }) {
  const { control } = useFormContext<JobFormValues>();
  return (
    <FormField
      control={control}
      name="additionalFields"
      render={({ field }) => (
        <FormItem>
          <FormLabel>{`Additional fields (up to ${MAX_ADDITIONAL_FIELDS})`}</FormLabel>
          <FormControl>
            <Select multiple size={6} className="w-full" {...field} onChange={(e) => field.onChange(selectedValues(e))}>
              {fields.map((f) => (
                <option key={f} value={f}>
                  {fieldLabel(f)}
                </option>
              ))}
            </Select>
          </FormControl>
          <FormDescription>{hint}</FormDescription>
          <FormMessage />
        </FormItem>
      )}
    />
  );
}

/** Default permission and back fill: how the segment's members join the Responsys list. */
export function PermissionAndBackfill() {
  const { control, register } = useFormContext<JobFormValues>();
  return (
    <>
      <FormField
        control={control}
        name="defaultPermission"
        render={({ field }) => (
          <FormItem>
            <FormLabel>Permission for new list members</FormLabel>
            <FormControl>
              <Select className="w-full" {...field}>
                <option value="OPTOUT">Opted out (Responsys's default)</option>
                <option value="OPTIN">Opted in</option>
              </Select>
            </FormControl>
            <FormMessage />
          </FormItem>
        )}
      />
      <div className="sm:col-span-2">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4" {...register("backfill")} /> Back fill: also send the members the
          segment has now
        </label>
      </div>
    </>
  );
}
