"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckCircle2 } from "lucide-react";
import { useState } from "react";
import { useFormat } from "@/app/_components/format";
import { TemplateBody } from "@/app/_components/template-body";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input, Select } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import { MAX_STATUS_TIMEOUT_MINUTES } from "@/server/domains/campaign/schema";
import type { ConfigureServiceResult, ServiceIssue } from "@/server/domains/responsys-app/configure-service";
import type { ServiceConfiguration } from "@/server/domains/responsys-app/get-service-configuration";
import { placeholdersOf, renderParts } from "@/server/domains/template/render";
import { notifyProduct } from "../../_components/notify-product";

type RecordDefinition = Extract<ConfigureServiceResult, { ok: true }>["recordDefinition"];

const section = "space-y-4 rounded-lg border border-line bg-white p-5";
const legend = "px-1 text-base font-semibold";
const clampMinutes = (minutes: number) =>
  Math.min(MAX_STATUS_TIMEOUT_MINUTES, Math.max(0, Number.isFinite(minutes) ? Math.round(minutes) : 0));

function ListFieldOptions({ fields, empty }: { fields: string[]; empty: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {fields.map((f) => (
        <option key={f} value={f}>
          {f}
        </option>
      ))}
    </>
  );
}

/**
 * The service configuration, as in Mitto's Responsys app: WhatsApp message settings (business
 * account, opt-in field, template), input parameters (the template text and one list field per
 * placeholder) and output parameters (last message status field, status timeout). Save names every
 * missing piece at once; once saved it shows the record definition and tells Responsys ("save").
 */
export function ServiceConfigureForm({
  session,
  configuration,
}: {
  session: string;
  configuration: ServiceConfiguration;
}) {
  const trpc = useTRPC();
  const format = useFormat();
  const hydrated = useHydrated();
  const { senders, templates, listFields, saved } = configuration;
  const [values, setValues] = useState({
    senderId: saved?.senderId ?? "",
    optInField: saved?.optInField ?? "",
    templateId: saved?.templateId ?? "",
    placeholderFields: saved?.placeholderFields ?? [],
    statusField: saved?.statusField ?? "",
    statusTimeoutMinutes: saved?.statusTimeoutMinutes ?? 60,
  });
  const [issues, setIssues] = useState<ServiceIssue[]>([]);
  const [definition, setDefinition] = useState<RecordDefinition | null>(null);
  const set = (change: Partial<typeof values>) => {
    setValues((v) => ({ ...v, ...change }));
    setDefinition(null);
  };
  const errorOf = (field: string) => issues.find((i) => i.field === field)?.message;
  const describedBy = (id: string, field: string) => (errorOf(field) ? `${id}-error` : undefined);
  const template = templates.find((t) => t.id === values.templateId);
  const keys = template ? placeholdersOf(template.body) : [];
  const timeout = values.statusTimeoutMinutes;

  const configure = useMutation(
    trpc.responsysApp.configureService.mutationOptions({
      onSuccess: (result) => {
        if (!result.ok) return setIssues(result.issues);
        setIssues([]);
        setDefinition(result.recordDefinition);
        notifyProduct("save", { instanceUuid: configuration.instanceUuid });
      },
      onError: (error) => setIssues([{ field: "root", message: error.message }]),
    }),
  );
  const save = () =>
    configure.mutate({ session, ...values, placeholderFields: keys.map((_, i) => values.placeholderFields[i] ?? "") });

  return (
    <form
      className="mt-4 space-y-5"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div>
        <h1 className="text-xl font-semibold">App configuration</h1>
        <p className="mt-1 text-sm text-muted">
          {configuration.programName ? `Program ${configuration.programName}. ` : ""}Each contact this Apps step
          receives gets the WhatsApp template below through {configuration.mittoLabel}.
        </p>
      </div>
      {issues.length > 0 ? (
        <div role="alert" className="rounded-md border border-danger/30 bg-danger/5 p-3 text-sm text-danger">
          <p className="font-medium">Before saving:</p>
          <ul className="mt-1 list-disc pl-5">
            {issues.map((i) => (
              <li key={i.field}>{i.message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <fieldset className={section}>
        <legend className={legend}>WhatsApp message settings</legend>
        <Field id="service-senderId" label="Business account" error={errorOf("senderId")}>
          <Select
            id="service-senderId"
            className="w-full"
            value={values.senderId}
            onChange={(e) => set({ senderId: e.target.value })}
            aria-invalid={!!errorOf("senderId")}
            aria-describedby={describedBy("service-senderId", "senderId")}
          >
            <option value="">Choose a business account…</option>
            {senders.map((s) => (
              <option key={s.id} value={s.id}>
                {s.phoneNumber ? `${s.name} (${s.phoneNumber})` : s.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id="service-optInField"
          label="Opt-in field"
          hint="The profile list field that must say yes before a contact is messaged."
          error={errorOf("optInField")}
        >
          <Select
            id="service-optInField"
            className="w-full"
            value={values.optInField}
            onChange={(e) => set({ optInField: e.target.value })}
            aria-invalid={!!errorOf("optInField")}
            aria-describedby={[describedBy("service-optInField", "optInField"), "service-optInField-hint"]
              .filter(Boolean)
              .join(" ")}
          >
            <ListFieldOptions fields={listFields} empty="Choose a field…" />
          </Select>
        </Field>
        <Field
          id="service-templateId"
          label="WhatsApp template"
          hint={templates.length === 0 ? "The Mitto account has no approved template yet." : undefined}
          error={errorOf("templateId")}
        >
          <Select
            id="service-templateId"
            className="w-full"
            value={values.templateId}
            onChange={(e) => set({ templateId: e.target.value, placeholderFields: [] })}
            aria-invalid={!!errorOf("templateId")}
            aria-describedby={describedBy("service-templateId", "templateId")}
          >
            <option value="">Choose a template…</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {`${t.name} (${t.language})`}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>

      <fieldset className={section}>
        <legend className={legend}>Input parameters</legend>
        {template ? (
          <>
            <div className="space-y-2">
              <p className="text-sm font-medium">
                Template selected: <span className="font-mono">{template.name}</span>
              </p>
              <div aria-label={`Text of ${template.name}`}>
                <TemplateBody
                  parts={renderParts(
                    template.body,
                    Object.fromEntries(
                      keys.map((key, i) => [
                        key,
                        values.placeholderFields[i] ? `{{${values.placeholderFields[i]}}}` : undefined,
                      ]),
                    ),
                  )}
                />
              </div>
            </div>
            {keys.length === 0 ? (
              <p className="text-sm text-muted">This template has no placeholders: it is sent as it is.</p>
            ) : null}
            {keys.map((key, i) => {
              const id = `service-placeholder-${i}`;
              const field = `placeholderFields.${i}`;
              return (
                <Field key={key} id={id} label={`Placeholder {{${key}}}`} error={errorOf(field)}>
                  <Select
                    id={id}
                    className="w-full"
                    value={values.placeholderFields[i] ?? ""}
                    onChange={(e) =>
                      set({
                        placeholderFields: keys.map((_, j) =>
                          j === i ? e.target.value : (values.placeholderFields[j] ?? ""),
                        ),
                      })
                    }
                    aria-invalid={!!errorOf(field)}
                    aria-describedby={describedBy(id, field)}
                  >
                    <ListFieldOptions fields={listFields} empty="Choose a field…" />
                  </Select>
                </Field>
              );
            })}
          </>
        ) : (
          <p className="text-sm text-muted">Choose a template: its text and one field per placeholder appear here.</p>
        )}
      </fieldset>

      <fieldset className={section}>
        <legend className={legend}>Output parameters (optional)</legend>
        <Field
          id="service-statusField"
          label="Last message status"
          hint="The profile list field that receives each message’s last status."
          error={errorOf("statusField")}
        >
          <Select
            id="service-statusField"
            className="w-full"
            value={values.statusField}
            onChange={(e) => set({ statusField: e.target.value })}
            aria-invalid={!!errorOf("statusField")}
            aria-describedby={[describedBy("service-statusField", "statusField"), "service-statusField-hint"]
              .filter(Boolean)
              .join(" ")}
          >
            <ListFieldOptions fields={listFields} empty="Do not report the status" />
          </Select>
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Timeout for receiving message statuses</legend>
          <p id="service-timeout-hint" className="text-xs text-muted">
            How long to wait for delivery statuses before the results go back to Responsys: 0 to 24 hours.
          </p>
          <div className="flex items-center gap-4">
            <input
              type="range"
              min={0}
              max={MAX_STATUS_TIMEOUT_MINUTES}
              step={1}
              value={timeout}
              aria-label="Timeout"
              aria-valuetext={format.duration(timeout)}
              aria-describedby="service-timeout-hint"
              className="w-full accent-brand-600"
              onChange={(e) => set({ statusTimeoutMinutes: clampMinutes(Number(e.target.value)) })}
            />
            <output className="w-20 shrink-0 text-right font-mono text-sm tabular-nums">
              {format.duration(timeout)}
            </output>
          </div>
          <div className="flex gap-4">
            <label className="flex items-center gap-2 text-sm">
              <Input
                type="number"
                min={0}
                max={24}
                className="w-20"
                value={Math.floor(timeout / 60)}
                onChange={(e) =>
                  set({ statusTimeoutMinutes: clampMinutes(Number(e.target.value) * 60 + (timeout % 60)) })
                }
              />
              Hours
            </label>
            <label className="flex items-center gap-2 text-sm">
              <Input
                type="number"
                min={0}
                max={59}
                className="w-20"
                value={timeout % 60}
                onChange={(e) =>
                  set({
                    statusTimeoutMinutes: clampMinutes(
                      Math.floor(timeout / 60) * 60 + Math.min(59, Number(e.target.value)),
                    ),
                  })
                }
              />
              Minutes
            </label>
          </div>
          {errorOf("statusTimeoutMinutes") ? (
            <p role="alert" className="text-sm text-danger">
              {errorOf("statusTimeoutMinutes")}
            </p>
          ) : null}
        </fieldset>
      </fieldset>

      {definition ? (
        <section
          aria-labelledby="saved-heading"
          className="rounded-lg border border-success/40 bg-success/5 p-5 text-sm"
        >
          <h2 id="saved-heading" role="status" className="flex items-center gap-2 font-semibold">
            <CheckCircle2 aria-hidden className="size-5 text-success" /> Configuration saved
          </h2>
          <p className="mt-1">
            Responsys sends these input parameters for each contact and receives these output parameters back.
          </p>
          <dl className="mt-3 grid gap-2 sm:grid-cols-[9rem_1fr]">
            <dt className="text-muted">Input parameters</dt>
            <dd className="font-mono text-xs" data-testid="input-parameters">
              {definition.inputParameters.map((p) => p.name).join(", ")}
            </dd>
            <dt className="text-muted">Output parameters</dt>
            <dd className="font-mono text-xs" data-testid="output-parameters">
              {definition.outputParameters.map((p) => p.name).join(", ")}
            </dd>
          </dl>
        </section>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={!hydrated || configure.isPending}>
          {configure.isPending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
