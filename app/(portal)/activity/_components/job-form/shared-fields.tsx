"use client";

import { useFormContext } from "react-hook-form";
import { Field } from "@/app/_components/ui/field";
import { Input, Select } from "@/app/_components/ui/input";
import { MAX_ADDITIONAL_FIELDS } from "@/server/domains/audience/schema";
import { fieldLabel } from "../labels";
import type { JobFormValues, JobOptions } from "./values";

// The fields more than one job type asks for, each reading the form from its context.

export const describedBy = (id: string, hint: boolean, error: unknown) =>
  [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

type TextName =
  "label" | "description" | "listName" | "fieldsTable" | "exitFlagField" | "campaignName" | "folder" | "delimiter";

export function TextField({ name, label, hint }: { name: TextName; label: string; hint?: string }) {
  const { register, formState } = useFormContext<JobFormValues>();
  const id = `job-${name}`;
  const error = formState.errors[name]?.message;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <Input
        id={id}
        autoComplete="off"
        aria-invalid={!!error}
        aria-describedby={describedBy(id, !!hint, error)}
        {...register(name)}
      />
    </Field>
  );
}

export function SegmentSelect({ label, segments }: { label: string; segments: JobOptions["segments"] }) {
  const { register, formState } = useFormContext<JobFormValues>();
  const error = formState.errors.segmentId;
  return (
    <Field id="job-segmentId" label={label} error={error?.message}>
      <Select
        id="job-segmentId"
        className="w-full"
        aria-invalid={!!error}
        aria-describedby={describedBy("job-segmentId", false, error)}
        {...register("segmentId")}
      >
        <option value="">Choose a segment</option>
        {segments.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function AdditionalFields({ hint, fields }: { hint: string; fields: string[] }) {
  const { register, formState } = useFormContext<JobFormValues>();
  const error = formState.errors.additionalFields;
  return (
    <Field
      id="job-additionalFields"
      label={`Additional fields (up to ${MAX_ADDITIONAL_FIELDS})`}
      hint={hint}
      error={error?.message}
    >
      <Select
        id="job-additionalFields"
        multiple
        size={6}
        className="w-full"
        aria-invalid={!!error}
        aria-describedby={describedBy("job-additionalFields", true, error)}
        {...register("additionalFields")}
      >
        {fields.map((f) => (
          <option key={f} value={f}>
            {fieldLabel(f)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** Default permission and back fill: how the segment's members join the Responsys list. */
export function PermissionAndBackfill() {
  const { register } = useFormContext<JobFormValues>();
  return (
    <>
      <Field id="job-defaultPermission" label="Permission for new list members">
        <Select id="job-defaultPermission" className="w-full" {...register("defaultPermission")}>
          <option value="OPTOUT">Opted out (Responsys's default)</option>
          <option value="OPTIN">Opted in</option>
        </Select>
      </Field>
      <div className="sm:col-span-2">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4" {...register("backfill")} /> Back fill: also send the members the
          segment has now
        </label>
      </div>
    </>
  );
}
