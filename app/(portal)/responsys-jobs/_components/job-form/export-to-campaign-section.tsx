"use client";

import { useFormContext } from "react-hook-form";
import { FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Select } from "@/app/_components/ui/input";
import { fieldLabel } from "../labels";
import { ResponsysNameField, useResponsysNames } from "./responsys-names";
import { AdditionalFields, PermissionAndBackfill, SegmentSelect } from "./shared-fields";
import type { JobFormValues, JobOptions } from "./values";

/** An export to campaign: the segment whose new members are sent a Responsys campaign's email. */
export function ExportToCampaignSection({ options }: { options: JobOptions | undefined }) {
  const { control, watch } = useFormContext<JobFormValues>();
  const fields = options?.fields ?? [];
  const names = useResponsysNames();
  return (
    <section className="grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2">
      <SegmentSelect label="Segment" segments={options?.segments ?? []} />
      <FormField
        control={control}
        name="emailField"
        render={({ field }) => (
          <FormItem>
            <FormLabel>Email field</FormLabel>
            <FormControl>
              <Select className="w-full" {...field}>
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
      <ResponsysNameField
        name="campaignName"
        label="Campaign"
        hint="The Responsys campaign whose email each new member is sent."
        lookup={names.data?.campaigns}
        emptyOption={watch("integrationId") ? "Choose a campaign" : "Choose the authorization first"}
        looking={names.isFetching}
        onRefresh={() => void names.refetch()}
      />
      <AdditionalFields hint="Sent with each recipient as the email's personalisation data." fields={fields} />
      <PermissionAndBackfill />
    </section>
  );
}
