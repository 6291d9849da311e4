"use client";

import { Plus, X } from "lucide-react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/input";
import { MAX_SEGMENT_MEMBERSHIPS } from "@/server/domains/audience/schema";
import { fieldLabel } from "../labels";
import { AdditionalFields, describedBy, PermissionAndBackfill, SegmentSelect, TextField } from "./shared-fields";
import type { JobFormValues, JobOptions } from "./values";

/** Contact fields mapped to Responsys identifiers, at least one; each optionally hashed. */
function IdMappings({ fields, identifiers }: { fields: string[]; identifiers: string[] }) {
  const { control, register, formState } = useFormContext<JobFormValues>();
  const { errors } = formState;
  const mappings = useFieldArray({ control, name: "idMappings" });
  return (
    <fieldset className="space-y-2 sm:col-span-2">
      <legend className="text-sm font-medium">ID mappings</legend>
      <p className="text-xs text-muted">
        Map contact fields to Responsys identifiers; at least one. Hashing sends the SHA-256 of the lower-cased value.
      </p>
      {mappings.fields.map((m, i) => (
        <div key={m.id} className="flex flex-wrap items-end gap-2">
          <Field
            id={`job-map-${i}-field`}
            label={`Mapping ${i + 1}: contact field`}
            error={errors.idMappings?.[i]?.field?.message}
          >
            <Select id={`job-map-${i}-field`} {...register(`idMappings.${i}.field`)}>
              {fields.map((f) => (
                <option key={f} value={f}>
                  {fieldLabel(f)}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            id={`job-map-${i}-identifier`}
            label={`Mapping ${i + 1}: Responsys identifier`}
            error={errors.idMappings?.[i]?.identifier?.message}
          >
            <Select id={`job-map-${i}-identifier`} {...register(`idMappings.${i}.identifier`)}>
              {identifiers.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </Select>
          </Field>
          <div className="pb-2">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4" {...register(`idMappings.${i}.hash`)} /> Hash (SHA-256)
            </label>
            {errors.idMappings?.[i]?.hash?.message ? (
              <p role="alert" className="text-sm text-danger">
                {errors.idMappings[i].hash.message}
              </p>
            ) : null}
          </div>
          <Button variant="ghost" aria-label={`Remove mapping ${i + 1}`} onClick={() => mappings.remove(i)}>
            <X aria-hidden className="size-4" />
          </Button>
        </div>
      ))}
      {errors.idMappings?.message || errors.idMappings?.root?.message ? (
        <p role="alert" className="text-sm text-danger">
          {errors.idMappings.message ?? errors.idMappings.root?.message}
        </p>
      ) : null}
      <Button
        variant="secondary"
        disabled={mappings.fields.length >= identifiers.length && identifiers.length > 0}
        onClick={() => mappings.append({ field: "email", identifier: "CUSTOMER_ID_", hash: false })}
      >
        <Plus aria-hidden className="size-4" /> Add a mapping
      </Button>
    </fieldset>
  );
}

/** An audience export: the segment, the profile list it merges into, and how members are matched and written. */
export function ExportAudienceSection({ options }: { options: JobOptions | undefined }) {
  const { register, watch, formState } = useFormContext<JobFormValues>();
  const { errors } = formState;
  const fields = options?.fields ?? [];
  const identifiers = options?.identifiers ?? [];
  const segments = options?.segments ?? [];
  const mapped = watch("idMappings").map((m) => m.identifier);
  // The match column choices: any identifier, flagged when the mapping does not send it.
  const identifierOptions = identifiers.map((f) => (
    <option key={f} value={f}>
      {f}
      {mapped.includes(f) ? "" : " (not mapped)"}
    </option>
  ));
  return (
    <section className="grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2">
      <SegmentSelect label="Source segment" segments={segments} />
      <TextField
        name="listName"
        label="Profile list"
        hint="The Responsys profile list to merge members into, e.g. CONTACTS."
      />
      <IdMappings fields={fields} identifiers={identifiers} />
      <Field
        id="job-matchColumn1"
        label="Match column 1"
        hint="Must be one of the mapped identifiers."
        error={errors.matchColumn1?.message}
      >
        <Select
          id="job-matchColumn1"
          className="w-full"
          aria-invalid={!!errors.matchColumn1}
          aria-describedby={describedBy("job-matchColumn1", true, errors.matchColumn1)}
          {...register("matchColumn1")}
        >
          {identifierOptions}
        </Select>
      </Field>
      <Field
        id="job-matchColumn2"
        label="Match column 2 (optional)"
        hint="Both must match when set; must be mapped too."
        error={errors.matchColumn2?.message}
      >
        <Select
          id="job-matchColumn2"
          className="w-full"
          aria-invalid={!!errors.matchColumn2}
          aria-describedby={describedBy("job-matchColumn2", true, errors.matchColumn2)}
          {...register("matchColumn2")}
        >
          <option value="">None</option>
          {identifierOptions}
        </Select>
      </Field>
      <AdditionalFields
        hint="Written to the fields extension table. Hold Ctrl or ⌘ to choose several."
        fields={fields}
      />
      <TextField
        name="fieldsTable"
        label="Fields table (optional)"
        hint="An existing extension table whose columns are named like the fields; empty creates LyticsUser_Fields<job id>."
      />
      <Field
        id="job-segmentMemberships"
        label={`Export segment memberships (up to ${MAX_SEGMENT_MEMBERSHIPS})`}
        hint="One Y/N column per segment in the Lytics_Segments extension table."
        error={errors.segmentMemberships?.message}
      >
        <Select
          id="job-segmentMemberships"
          multiple
          size={5}
          className="w-full"
          aria-invalid={!!errors.segmentMemberships}
          aria-describedby={describedBy("job-segmentMemberships", true, errors.segmentMemberships)}
          {...register("segmentMemberships")}
        >
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      <div className="space-y-4">
        <Field id="job-onExit" label="When a contact leaves the segment">
          <Select id="job-onExit" className="w-full" {...register("onExit")}>
            <option value="flag">Flag it in a list field</option>
            <option value="remove">Remove it from the list</option>
          </Select>
        </Field>
        {watch("onExit") === "flag" ? (
          <TextField
            name="exitFlagField"
            label="Exit flag field"
            hint="A list field set to Y when the contact leaves and N while a member."
          />
        ) : null}
      </div>
      <PermissionAndBackfill />
    </section>
  );
}
