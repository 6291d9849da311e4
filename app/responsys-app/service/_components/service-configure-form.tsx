"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckCircle2 } from "lucide-react";
import { useEffect, useState } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { useFormat } from "@/app/_components/format";
import { TemplateBody } from "@/app/_components/template-body";
import { Button } from "@/app/_components/ui/button";
import { Fieldset } from "@/app/_components/ui/fieldset";
import {
  Form,
  FormControl,
  FormDescription,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
} from "@/app/_components/ui/form";
import { Input, Select } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import { MAX_STATUS_TIMEOUT_MINUTES } from "@/server/domains/campaign/schema";
import type { ConfigureServiceResult, ServiceIssue } from "@/server/domains/responsys-app/configure-service";
import type { ServiceConfiguration } from "@/server/domains/responsys-app/get-service-configuration";
import { placeholdersOf, renderParts } from "@/server/domains/template/render";
import { notifyProduct } from "../../_components/notify-product";

type RecordDefinition = Extract<ConfigureServiceResult, { ok: true }>["recordDefinition"];

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
  const form = useForm({
    defaultValues: {
      senderId: saved?.senderId ?? "",
      optInField: saved?.optInField ?? "",
      templateId: saved?.templateId ?? "",
      placeholderFields: saved?.placeholderFields ?? [],
      statusField: saved?.statusField ?? "",
      statusTimeoutMinutes: saved?.statusTimeoutMinutes ?? 60,
    },
  });
  const values = form.watch();
  // Save names every missing piece at once: above the form, and each next to its field.
  const [issues, setIssues] = useState<ServiceIssue[]>([]);
  const [definition, setDefinition] = useState<RecordDefinition | null>(null);
  const template = templates.find((t) => t.id === values.templateId);
  const keys = template ? placeholdersOf(template.body) : [];

  // A change after a save hides the record definition: it no longer matches what is saved.
  useEffect(() => form.watch(() => setDefinition(null)).unsubscribe, [form]);

  const configure = useMutation(
    trpc.responsysApp.configureService.mutationOptions({
      onSuccess: (result) => {
        setIssues(result.ok ? [] : result.issues);
        if (!result.ok) {
          // The issues name the form's fields, "placeholderFields.0" for a placeholder's.
          for (const i of result.issues) form.setError(i.field as FieldPath<typeof values>, { message: i.message });
          return;
        }
        setDefinition(result.recordDefinition);
        notifyProduct("save", { instanceUuid: configuration.instanceUuid });
      },
      onError: (error) => setIssues([{ field: "root", message: error.message }]),
    }),
  );
  const save = form.handleSubmit((v) =>
    configure.mutate({ session, ...v, placeholderFields: keys.map((_, i) => v.placeholderFields[i] ?? "") }),
  );

  return (
    <Form {...form}>
      <form className="mt-4 space-y-5" noValidate onSubmit={(e) => void save(e)}>
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

        <Fieldset legend="WhatsApp message settings" className="space-y-4">
          <FormField
            control={form.control}
            name="senderId"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Business account</FormLabel>
                <FormControl>
                  <Select className="w-full" {...field}>
                    <option value="">Choose a business account…</option>
                    {senders.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.phoneNumber ? `${s.name} (${s.phoneNumber})` : s.name}
                      </option>
                    ))}
                  </Select>
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="optInField"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Opt-in field</FormLabel>
                <FormControl>
                  <Select className="w-full" {...field}>
                    <ListFieldOptions fields={listFields} empty="Choose a field…" />
                  </Select>
                </FormControl>
                <FormDescription>
                  The profile list field that must say yes before a contact is messaged.
                </FormDescription>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="templateId"
            render={({ field }) => (
              <FormItem>
                <FormLabel>WhatsApp template</FormLabel>
                <FormControl>
                  <Select
                    className="w-full"
                    {...field}
                    onChange={(e) => {
                      field.onChange(e);
                      form.setValue("placeholderFields", []);
                    }}
                  >
                    <option value="">Choose a template…</option>
                    {templates.map((t) => (
                      <option key={t.id} value={t.id}>
                        {`${t.name} (${t.language})`}
                      </option>
                    ))}
                  </Select>
                </FormControl>
                {templates.length === 0 ? (
                  <FormDescription>The Mitto account has no approved template yet.</FormDescription>
                ) : null}
                <FormMessage />
              </FormItem>
            )}
          />
        </Fieldset>

        <Fieldset legend="Input parameters" className="space-y-4">
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
              {keys.map((key, i) => (
                <FormField
                  key={key}
                  control={form.control}
                  name={`placeholderFields.${i}`}
                  render={({ field }) => (
                    <FormItem>
                      <FormLabel>{`Placeholder {{${key}}}`}</FormLabel>
                      <FormControl>
                        <Select className="w-full" {...field} value={field.value ?? ""}>
                          <ListFieldOptions fields={listFields} empty="Choose a field…" />
                        </Select>
                      </FormControl>
                      <FormMessage />
                    </FormItem>
                  )}
                />
              ))}
            </>
          ) : (
            <p className="text-sm text-muted">Choose a template: its text and one field per placeholder appear here.</p>
          )}
        </Fieldset>

        <Fieldset legend="Output parameters (optional)" className="space-y-4">
          <FormField
            control={form.control}
            name="statusField"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Last message status</FormLabel>
                <FormControl>
                  <Select className="w-full" {...field}>
                    <ListFieldOptions fields={listFields} empty="Do not report the status" />
                  </Select>
                </FormControl>
                <FormDescription>The profile list field that receives each message’s last status.</FormDescription>
                <FormMessage />
              </FormItem>
            )}
          />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Timeout for receiving message statuses</legend>
            <FormField
              control={form.control}
              name="statusTimeoutMinutes"
              render={({ field: { value: timeout, onChange, ...field } }) => (
                <FormItem className="space-y-2">
                  <FormDescription>
                    How long to wait for delivery statuses before the results go back to Responsys: 0 to 24 hours.
                  </FormDescription>
                  <div className="flex items-center gap-4">
                    <FormControl>
                      <input
                        type="range"
                        min={0}
                        max={MAX_STATUS_TIMEOUT_MINUTES}
                        step={1}
                        aria-label="Timeout"
                        aria-valuetext={format.duration(timeout)}
                        className="w-full accent-brand-600"
                        {...field}
                        value={timeout}
                        onChange={(e) => onChange(clampMinutes(Number(e.target.value)))}
                      />
                    </FormControl>
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
                        onChange={(e) => onChange(clampMinutes(Number(e.target.value) * 60 + (timeout % 60)))}
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
                          onChange(clampMinutes(Math.floor(timeout / 60) * 60 + Math.min(59, Number(e.target.value))))
                        }
                      />
                      Minutes
                    </label>
                  </div>
                  <FormMessage />
                </FormItem>
              )}
            />
          </fieldset>
        </Fieldset>

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
    </Form>
  );
}
