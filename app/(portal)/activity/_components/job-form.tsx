"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFieldArray, useForm, type FieldPath } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input, Select } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import {
  createJobInput,
  MAX_ADDITIONAL_FIELDS,
  MAX_SEGMENT_MEMBERSHIPS,
  type ResponsysIdentifier,
} from "@/server/domains/audience/schema";
import { fieldLabel, kindLabels, type JobKind } from "./labels";

type Values = {
  kind: JobKind;
  integrationId: string;
  label: string;
  description: string;
  segmentId: string;
  listName: string;
  idMappings: { field: string; identifier: ResponsysIdentifier; hash: boolean }[];
  matchColumn1: string;
  matchColumn2: string;
  additionalFields: string[];
  fieldsTable: string;
  segmentMemberships: string[];
  onExit: "flag" | "remove";
  exitFlagField: string;
  defaultPermission: "OPTIN" | "OPTOUT";
  backfill: boolean;
  emailField: string;
  campaignName: string;
  folder: string;
  accountIds: string[];
  delimiter: string;
};

const defaults: Values = {
  kind: "export_audience",
  integrationId: "",
  label: "",
  description: "",
  segmentId: "",
  listName: "",
  idMappings: [{ field: "email", identifier: "EMAIL_ADDRESS_", hash: false }],
  matchColumn1: "EMAIL_ADDRESS_",
  matchColumn2: "",
  additionalFields: [],
  fieldsTable: "",
  segmentMemberships: [],
  onExit: "flag",
  exitFlagField: "LYTICS_EXITED",
  defaultPermission: "OPTOUT",
  backfill: false,
  emailField: "email",
  campaignName: "",
  folder: "",
  accountIds: [],
  delimiter: ",",
};

/** The form's values as the create input of the chosen job type (empty optional fields left out). */
function toInput(v: Values) {
  const common = { kind: v.kind, integrationId: v.integrationId, label: v.label, description: v.description || null };
  if (v.kind === "export_audience") {
    return {
      ...common,
      segmentId: v.segmentId,
      listName: v.listName,
      idMappings: v.idMappings,
      matchColumn1: v.matchColumn1,
      matchColumn2: v.matchColumn2 || null,
      additionalFields: v.additionalFields,
      fieldsTable: v.fieldsTable || null,
      segmentMemberships: v.segmentMemberships,
      onExit: v.onExit,
      exitFlagField: v.onExit === "flag" ? v.exitFlagField : null,
      defaultPermission: v.defaultPermission,
      backfill: v.backfill,
    };
  }
  if (v.kind === "export_to_campaign") {
    return {
      ...common,
      segmentId: v.segmentId,
      emailField: v.emailField,
      campaignName: v.campaignName,
      additionalFields: v.additionalFields,
      defaultPermission: v.defaultPermission,
      backfill: v.backfill,
    };
  }
  return { ...common, folder: v.folder || null, accountIds: v.accountIds, delimiter: v.delimiter };
}

const describedBy = (id: string, hint: boolean, error: unknown) =>
  [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

/**
 * Creates a Responsys job (an audience export or an activity import). The rules are the domain
 * schema's, checked here before sending and again by the server; a problem is shown next to its
 * field.
 */
export function JobForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.audience.options.queryOptions());
  const form = useForm<Values>({ defaultValues: defaults });
  const mappings = useFieldArray({ control: form.control, name: "idMappings" });
  const { errors } = form.formState;
  const kind = form.watch("kind");
  const onExit = form.watch("onExit");
  const mapped = form.watch("idMappings").map((m) => m.identifier);

  const setFieldError = (path: string, message: string) =>
    form.setError(
      (path in defaults || /^idMappings\.\d+\.\w+$/.test(path) ? path : "root") as FieldPath<Values>,
      { message },
      { shouldFocus: true },
    );
  const create = useMutation(
    trpc.audience.create.mutationOptions({
      onSuccess: ({ id }) => {
        toast.success("Job created: it starts within a minute");
        void queryClient.invalidateQueries({ queryKey: trpc.audience.pathKey() });
        router.push(`/activity/${id}`);
      },
      onError: (error: { message: string; data?: { field?: string } | null }) => {
        const field = error.data?.field?.replace(/\.\d+$/, "") ?? "";
        setFieldError(field, error.message);
      },
    }),
  );
  const detect = useMutation(
    trpc.audience.detectAccounts.mutationOptions({
      onSuccess: (found) => {
        if (found.accountIds.length === 0)
          form.setError("accountIds", {
            message: `No Responsys activity files found in the folder (${found.otherFiles} other file(s)). Check the folder.`,
          });
        else form.clearErrors("accountIds");
      },
      onError: (error) => form.setError("folder", { message: error.message }),
    }),
  );

  // Not handleSubmit: errors set by an earlier try (or the server) must not block the next one.
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    form.clearErrors();
    const values = form.getValues();
    const parsed = createJobInput.safeParse(toInput(values));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        setFieldError(
          issue.path.join(".").replace(/^(additionalFields|segmentMemberships|accountIds)\.\d+$/, "$1"),
          issue.message,
        );
      return;
    }
    create.mutate(toInput(values) as never);
  };

  const integrations = (options.data?.integrations ?? []).filter((i) =>
    kind === "import_activity" ? i.method !== "interact" : i.method === "interact",
  );
  const fields = options.data?.fields ?? [];
  const identifiers = options.data?.identifiers ?? [];
  // The match column choices: any identifier, flagged when the mapping does not send it.
  const identifierOptions = identifiers.map((f) => (
    <option key={f} value={f}>
      {f}
      {mapped.includes(f) ? "" : " (not mapped)"}
    </option>
  ));
  const segments = options.data?.segments ?? [];

  const text = (
    name:
      "label" | "description" | "listName" | "fieldsTable" | "exitFlagField" | "campaignName" | "folder" | "delimiter",
    label: string,
    hint?: string,
  ) => {
    const id = `job-${name}`;
    const error = errors[name]?.message;
    return (
      <Field id={id} label={label} hint={hint} error={error}>
        <Input
          id={id}
          autoComplete="off"
          aria-invalid={!!error}
          aria-describedby={describedBy(id, !!hint, error)}
          {...form.register(name)}
        />
      </Field>
    );
  };
  const segmentSelect = (label: string) => (
    <Field id="job-segmentId" label={label} error={errors.segmentId?.message}>
      <Select
        id="job-segmentId"
        className="w-full"
        aria-invalid={!!errors.segmentId}
        aria-describedby={describedBy("job-segmentId", false, errors.segmentId)}
        {...form.register("segmentId")}
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
  const additional = (hint: string) => (
    <Field
      id="job-additionalFields"
      label={`Additional fields (up to ${MAX_ADDITIONAL_FIELDS})`}
      hint={hint}
      error={errors.additionalFields?.message}
    >
      <Select
        id="job-additionalFields"
        multiple
        size={6}
        className="w-full"
        aria-invalid={!!errors.additionalFields}
        aria-describedby={describedBy("job-additionalFields", true, errors.additionalFields)}
        {...form.register("additionalFields")}
      >
        {fields.map((f) => (
          <option key={f} value={f}>
            {fieldLabel(f)}
          </option>
        ))}
      </Select>
    </Field>
  );
  const defaultPermission = (
    <Field id="job-defaultPermission" label="Permission for new list members">
      <Select id="job-defaultPermission" className="w-full" {...form.register("defaultPermission")}>
        <option value="OPTOUT">Opted out (Responsys's default)</option>
        <option value="OPTIN">Opted in</option>
      </Select>
    </Field>
  );
  const backfill = (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" className="size-4" {...form.register("backfill")} /> Back fill: also send the members the
      segment has now
    </label>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <section className="grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2">
        <Field id="job-kind" label="Job type">
          <Select
            id="job-kind"
            className="w-full"
            {...form.register("kind", { onChange: () => form.setValue("integrationId", "") })}
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
            {...form.register("integrationId")}
          >
            <option value="">
              {options.isPending
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
        {text("label", "Label")}
        {text("description", "Description (optional)")}
      </section>

      {kind === "export_audience" ? (
        <section className="grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2">
          {segmentSelect("Source segment")}
          {text("listName", "Profile list", "The Responsys profile list to merge members into, e.g. CONTACTS.")}
          <fieldset className="space-y-2 sm:col-span-2">
            <legend className="text-sm font-medium">ID mappings</legend>
            <p className="text-xs text-muted">
              Map contact fields to Responsys identifiers; at least one. Hashing sends the SHA-256 of the lower-cased
              value.
            </p>
            {mappings.fields.map((m, i) => (
              <div key={m.id} className="flex flex-wrap items-end gap-2">
                <Field
                  id={`job-map-${i}-field`}
                  label={`Mapping ${i + 1}: contact field`}
                  error={errors.idMappings?.[i]?.field?.message}
                >
                  <Select id={`job-map-${i}-field`} {...form.register(`idMappings.${i}.field`)}>
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
                  <Select id={`job-map-${i}-identifier`} {...form.register(`idMappings.${i}.identifier`)}>
                    {identifiers.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </Select>
                </Field>
                <div className="pb-2">
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" className="size-4" {...form.register(`idMappings.${i}.hash`)} /> Hash
                    (SHA-256)
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
              {...form.register("matchColumn1")}
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
              {...form.register("matchColumn2")}
            >
              <option value="">None</option>
              {identifierOptions}
            </Select>
          </Field>
          {additional("Written to the fields extension table. Hold Ctrl or ⌘ to choose several.")}
          {text(
            "fieldsTable",
            "Fields table (optional)",
            "An existing extension table whose columns are named like the fields; empty creates LyticsUser_Fields<job id>.",
          )}
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
              {...form.register("segmentMemberships")}
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
              <Select id="job-onExit" className="w-full" {...form.register("onExit")}>
                <option value="flag">Flag it in a list field</option>
                <option value="remove">Remove it from the list</option>
              </Select>
            </Field>
            {onExit === "flag"
              ? text(
                  "exitFlagField",
                  "Exit flag field",
                  "A list field set to Y when the contact leaves and N while a member.",
                )
              : null}
          </div>
          {defaultPermission}
          <div className="sm:col-span-2">{backfill}</div>
        </section>
      ) : null}

      {kind === "export_to_campaign" ? (
        <section className="grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2">
          {segmentSelect("Segment")}
          <Field id="job-emailField" label="Email field" error={errors.emailField?.message}>
            <Select id="job-emailField" className="w-full" {...form.register("emailField")}>
              {fields.map((f) => (
                <option key={f} value={f}>
                  {fieldLabel(f)}
                </option>
              ))}
            </Select>
          </Field>
          {text("campaignName", "Campaign", "The Responsys campaign whose email each new member is sent.")}
          {additional("Sent with each recipient as the email's personalisation data.")}
          {defaultPermission}
          <div className="sm:col-span-2">{backfill}</div>
        </section>
      ) : null}

      {kind === "import_activity" ? (
        <section className="grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2">
          {text("folder", "Folder (optional)", "Empty: the folder of the authorization.")}
          {text("delimiter", "Custom delimiter", 'Default ",". A recommended custom delimiter is "|"; \\t for a tab.')}
          <fieldset className="space-y-2 sm:col-span-2">
            <legend className="text-sm font-medium">Account ids</legend>
            <p className="text-xs text-muted">Detected from the activity file names in the folder.</p>
            <Button
              variant="secondary"
              disabled={!hydrated || detect.isPending}
              onClick={() => {
                const integrationId = form.getValues("integrationId");
                if (!integrationId)
                  return form.setError("integrationId", { message: "Choose the SFTP authorization first" });
                detect.mutate({ integrationId, folder: form.getValues("folder") || null });
              }}
            >
              <Search aria-hidden className="size-4" /> {detect.isPending ? "Looking…" : "Find account ids"}
            </Button>
            <div className="flex flex-wrap gap-4">
              {(detect.data?.accountIds ?? []).map((a) => (
                <label key={a} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" className="size-4" value={a} {...form.register("accountIds")} /> {a}
                </label>
              ))}
            </div>
            {errors.accountIds?.message ? (
              <p role="alert" className="text-sm text-danger">
                {errors.accountIds.message}
              </p>
            ) : null}
          </fieldset>
        </section>
      ) : null}

      {errors.root?.message ? (
        <p role="alert" className="text-sm text-danger">
          {errors.root.message}
        </p>
      ) : null}
      <Button type="submit" disabled={!hydrated || create.isPending}>
        {create.isPending ? "Creating…" : "Complete"}
      </Button>
    </form>
  );
}
