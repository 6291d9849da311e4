"use client";

import { Plus, X } from "lucide-react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "@/app/_components/ui/button";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Select } from "@/app/_components/ui/input";
import { MAX_SEGMENT_MEMBERSHIPS } from "@/server/domains/responsys-jobs/schema";
import { fieldLabel } from "../labels";
import { ResponsysNameField, useResponsysNames } from "./responsys-names";
import { AdditionalFields, PermissionAndBackfill, SegmentSelect, selectedValues, TextField } from "./shared-fields";
import type { JobFormValues, JobOptions } from "./values";

/** Contact fields mapped to Responsys identifiers, at least one; each optionally hashed. */
function IdMappings({ fields, identifiers }: { fields: string[]; identifiers: string[] }) {
  const { control, formState } = useFormContext<JobFormValues>();
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
          <FormField
            control={control}
            name={`idMappings.${i}.field`}
            render={({ field }) => (
              <FormItem>
                <FormLabel>{`Mapping ${i + 1}: contact field`}</FormLabel>
                <FormControl>
                  <Select {...field}>
                    {fields.map((f) => (
                      <option key={f} value={f}>
                        {fieldLabel(f)}
                      </option>
                    ))}
                  </Select>
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={control}
            name={`idMappings.${i}.identifier`}
            render={({ field }) => (
              <FormItem>
                <FormLabel>{`Mapping ${i + 1}: Responsys identifier`}</FormLabel>
                <FormControl>
                  <Select {...field}>
                    {identifiers.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </Select>
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={control}
            name={`idMappings.${i}.hash`}
            render={({ field: { value, ...field } }) => (
              <FormItem className="space-y-0 pb-2">
                <FormLabel className="flex items-center gap-2 font-normal">
                  <FormControl>
                    <input type="checkbox" className="size-4" checked={value} {...field} />
                  </FormControl>{" "}
                  Hash (SHA-256)
                </FormLabel>
                <FormMessage />
              </FormItem>
            )}
          />
          <Button variant="ghost" aria-label={`Remove mapping ${i + 1}`} onClick={() => mappings.remove(i)}>
            <X aria-hidden className="size-4" />
          </Button>
        </div>
      ))}
      <FormMessage>{errors.idMappings?.message ?? errors.idMappings?.root?.message}</FormMessage>
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
  const { control, watch } = useFormContext<JobFormValues>();
  const fields = options?.fields ?? [];
  const identifiers = options?.identifiers ?? [];
  const segments = options?.segments ?? [];
  const mapped = watch("idMappings").map((m) => m.identifier);
  const names = useResponsysNames(watch("listName"));
  const chosen = Boolean(watch("integrationId"));
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
      <ResponsysNameField
        name="listName"
        label="Profile list"
        hint="The Responsys profile list to merge members into."
        lookup={names.data?.lists}
        emptyOption={chosen ? "Choose a profile list" : "Choose the authorization first"}
        looking={names.isFetching}
        onRefresh={() => void names.refetch()}
      />
      <IdMappings fields={fields} identifiers={identifiers} />
      <FormField
        control={control}
        name="matchColumn1"
        render={({ field }) => (
          <FormItem>
            <FormLabel>Match column 1</FormLabel>
            <FormControl>
              <Select className="w-full" {...field}>
                {identifierOptions}
              </Select>
            </FormControl>
            <FormDescription>Must be one of the mapped identifiers.</FormDescription>
            <FormMessage />
          </FormItem>
        )}
      />
      <FormField
        control={control}
        name="matchColumn2"
        render={({ field }) => (
          <FormItem>
            <FormLabel>Match column 2 (optional)</FormLabel>
            <FormControl>
              <Select className="w-full" {...field}>
                <option value="">None</option>
                {identifierOptions}
              </Select>
            </FormControl>
            <FormDescription>Both must match when set; must be mapped too.</FormDescription>
            <FormMessage />
          </FormItem>
        )}
      />
      <AdditionalFields
        hint="Written to the fields extension table. Hold Ctrl or ⌘ to choose several."
        fields={fields}
      />
      <ResponsysNameField
        name="fieldsTable"
        label="Fields table (optional)"
        hint="An extension table of the list whose columns are named like the fields; none: the job creates its own, named on the job's page."
        lookup={names.data?.tables}
        emptyOption="None: the job creates its own"
        looking={names.isFetching}
        onRefresh={() => void names.refetch()}
      />
      <FormField
        control={control}
        name="segmentMemberships"
        render={({ field }) => (
          <FormItem>
            <FormLabel>{`Export segment memberships (up to ${MAX_SEGMENT_MEMBERSHIPS})`}</FormLabel>
            <FormControl>
              <Select
                multiple
                size={5}
                className="w-full"
                {...field}
                onChange={(e) => field.onChange(selectedValues(e))}
              >
                {segments.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </Select>
            </FormControl>
            <FormDescription>One Y/N column per segment, in the list's segments extension table.</FormDescription>
            <FormMessage />
          </FormItem>
        )}
      />
      <div className="space-y-4">
        <FormField
          control={control}
          name="onExit"
          render={({ field }) => (
            <FormItem>
              <FormLabel>When a contact leaves the segment</FormLabel>
              <FormControl>
                <Select className="w-full" {...field}>
                  <option value="flag">Flag it in a list field</option>
                  <option value="remove">Remove it from the list</option>
                </Select>
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
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
