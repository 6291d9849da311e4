"use client";

import { useFormContext } from "react-hook-form";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/input";
import { kindLabels, type JobKind } from "../labels";
import { describedBy, TextField } from "./shared-fields";
import type { JobFormValues, JobOptions } from "./values";

/** Every job's type, Responsys authorization, label and description. */
export function BasicsSection({ options, loading }: { options: JobOptions | undefined; loading: boolean }) {
  const { register, setValue, watch, formState } = useFormContext<JobFormValues>();
  const { errors } = formState;
  const kind = watch("kind");
  const integrations = (options?.integrations ?? []).filter((i) =>
    kind === "import_activity" ? i.method !== "interact" : i.method === "interact",
  );
  return (
    <section className="grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2">
      <Field id="job-kind" label="Job type">
        <Select
          id="job-kind"
          className="w-full"
          {...register("kind", { onChange: () => setValue("integrationId", "") })}
        >
          {(Object.keys(kindLabels) as JobKind[]).map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id="job-integrationId"
        label="Authorization"
        hint={
          kind === "import_activity"
            ? "A Responsys SFTP authorization (with or without PGP)."
            : "A Responsys Interact authorization (username, password, endpoint)."
        }
        error={errors.integrationId?.message}
      >
        <Select
          id="job-integrationId"
          className="w-full"
          aria-invalid={!!errors.integrationId}
          aria-describedby={describedBy("job-integrationId", true, errors.integrationId)}
          {...register("integrationId")}
        >
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
      </Field>
      <TextField name="label" label="Label" />
      <TextField name="description" label="Description (optional)" />
    </section>
  );
}
