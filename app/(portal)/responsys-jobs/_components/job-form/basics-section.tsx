"use client";

import { Plus } from "lucide-react";
import { useFormContext } from "react-hook-form";
import { Button } from "@/app/_components/ui/button";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Select } from "@/app/_components/ui/input";
import { kindLabels, type JobKind } from "../labels";
import { TextField } from "./shared-fields";
import type { JobFormValues, JobOptions } from "./values";

/** Every job's type, Responsys authorization, label and description. */
export function BasicsSection({
  options,
  loading,
  onNewAuthorization,
}: {
  options: JobOptions | undefined;
  loading: boolean;
  onNewAuthorization: () => void;
}) {
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
                      ? "None set up: create one with New authorization"
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
            <Button variant="secondary" className="mt-2" onClick={onNewAuthorization}>
              <Plus aria-hidden className="size-4" /> New authorization
            </Button>
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
