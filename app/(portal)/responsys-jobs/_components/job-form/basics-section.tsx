"use client";

import { useFormContext } from "react-hook-form";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Select } from "@/app/_components/ui/input";
import { kindLabels, type JobKind } from "../labels";
import { TextField } from "./shared-fields";
import type { JobFormValues, JobOptions } from "./values";

/** Every job's type, Responsys authorization, label and description. */
export function BasicsSection({ options, loading }: { options: JobOptions | undefined; loading: boolean }) {
  const { control, setValue, watch } = useFormContext<JobFormValues>();
  const kind = watch("kind");
  const integrations = (options?.integrations ?? []).filter((i) =>
    kind === "import_activity" ? i.method !== "interact" : i.method === "interact",
  );
  return (
    <section className="grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2">
      <FormField
        control={control}
        name="kind"
        render={({ field }) => (
          <FormItem>
            <FormLabel>Job type</FormLabel>
            <FormControl>
              <Select
                className="w-full"
                {...field}
                onChange={(e) => {
                  field.onChange(e);
                  setValue("integrationId", "");
                }}
              >
                {(Object.keys(kindLabels) as JobKind[]).map((k) => (
                  <option key={k} value={k}>
                    {kindLabels[k]}
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
        name="integrationId"
        render={({ field }) => (
          <FormItem>
            <FormLabel>Authorization</FormLabel>
            <FormControl>
              <Select className="w-full" {...field}>
                <option value="">
                  {loading
                    ? "Loading…"
                    : integrations.length === 0
                      ? "None set up: add one under Integrations"
                      : "Choose an authorization"}
                </option>
                {integrations.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.label}
                    {i.status !== "active" ? ` — ${i.status}` : ""}
                  </option>
                ))}
              </Select>
            </FormControl>
            <FormDescription>
              {kind === "import_activity"
                ? "A Responsys SFTP authorization (with or without PGP)."
                : "A Responsys Interact authorization (username, password, endpoint)."}
            </FormDescription>
            <FormMessage />
          </FormItem>
        )}
      />
      <TextField name="label" label="Label" />
      <TextField name="description" label="Description (optional)" />
    </section>
  );
}
