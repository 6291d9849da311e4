"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, Rocket } from "lucide-react";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input, Select } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import type { getCampaign } from "@/server/domains/campaign/get-campaign";
import type { CampaignOptions } from "@/server/domains/campaign/get-campaign-options";
import {
  campaignDraft,
  campaignSchedule,
  frequencies,
  LAST_MESSAGE_STATUS,
  MAX_STATUS_TIMEOUT_MINUTES,
  type CampaignDraft,
} from "@/server/domains/campaign/schema";
import { placeholdersOf } from "@/server/domains/template/render";
import { DryRunPanel } from "./dry-run-panel";
import { channelLabels, contactFieldLabels, contactFields, fieldLabel, formatMinutes } from "./labels";
import { TemplatePreview } from "./template-preview";
import { TestSend } from "./test-send";

export type CampaignData = Awaited<ReturnType<typeof getCampaign>>;
type Values = z.input<typeof campaignDraft>;
type Output = z.output<typeof campaignDraft>;
type Mapping = Values["placeholderMappings"][number];

const FIXED = "__fixed";
const blankMapping: Mapping = { kind: "field", field: "" };
const frequencyLabels: Record<(typeof frequencies)[number], string> = {
  once: "Once",
  daily: "Daily",
  weekly: "Weekly",
};
// The vendor beside each integration label, as the integrations page names them.
const vendorLabels: Record<string, string> = { mitto: "Mitto", wavy: "Wavy", attentive: "Attentive" };

function defaultsFor(c: CampaignData["campaign"]): Values {
  const schedule = campaignSchedule.safeParse(c.schedule);
  return {
    name: c.name,
    channel: c.channel === "sms" ? "sms" : "whatsapp",
    integrationId: c.integrationId,
    senderId: c.senderId,
    optInField: c.optInField,
    templateId: c.templateId,
    placeholderMappings: c.placeholderMappings,
    smsBody: c.smsBody ?? "",
    trigger: c.trigger === "contact_activated" || c.trigger === "dialer" ? c.trigger : "scheduled",
    segmentId: c.segmentId,
    schedule: schedule.success ? schedule.data : { frequency: "once", date: null, time: "09:00" },
    statusField: c.statusField,
    statusTimeoutMinutes: c.statusTimeoutMinutes,
  };
}

/** The element a launch issue (or a server error) about `field` is fixed in. */
const elementFor = (field: string, mappings: number) =>
  field === "placeholderMappings"
    ? mappings > 0
      ? "campaign-mapping-0"
      : "campaign-templateId"
    : field === "schedule"
      ? "campaign-schedule-frequency"
      : `campaign-${field}`;

const describedBy = (id: string, hint: boolean, error: unknown) =>
  [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

const formFields = [
  "name",
  "channel",
  "integrationId",
  "senderId",
  "optInField",
  "templateId",
  "placeholderMappings",
  "smsBody",
  "trigger",
  "segmentId",
  "schedule",
  "statusField",
  "statusTimeoutMinutes",
] as const;
const isFormField = (f: string | undefined): f is (typeof formFields)[number] =>
  !!f && (formFields as readonly string[]).includes(f);

function focusField(id: string) {
  const el = document.getElementById(id);
  el?.scrollIntoView({ block: "center" });
  el?.focus();
}

/**
 * The campaign builder, laid out like the "App configuration" of Mitto's WhatsApp app for
 * Responsys: message settings, the template with one dropdown per placeholder (or the SMS text),
 * audience and timing, output parameters. Saving keeps an incomplete draft; the launch issues
 * beside Launch come from the server's launch check of the saved draft, and each one leads to its
 * field.
 */
export function CampaignBuilder({ data }: { data: CampaignData }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const id = data.campaign.id;
  const options = useQuery(trpc.campaign.options.queryOptions());
  const defaultValues = useMemo(() => defaultsFor(data.campaign), [data.campaign]);
  const form = useForm<Values, unknown, Output>({ resolver: zodResolver(campaignDraft), defaultValues });
  const { errors, isDirty } = form.formState;
  const values = form.watch();

  const opts: CampaignOptions = options.data ?? {
    integrations: [],
    templates: [],
    segments: [],
    attributeKeys: [],
    timeZone: "UTC",
  };
  const integrations = opts.integrations.filter((i) => i.channel === values.channel);
  const integration = opts.integrations.find((i) => i.id === values.integrationId);
  const templates = opts.templates.filter((t) => t.integrationId === values.integrationId);
  const template =
    opts.templates.find((t) => t.id === values.templateId) ??
    (data.template?.id === values.templateId ? data.template : null);
  const placeholders = template ? placeholdersOf(template.body) : [];
  const attributeKeys = opts.attributeKeys;

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.campaign.get.queryKey({ id }) });
  const onError = (error: { message: string; data?: { field?: string } | null }) => {
    const field = error.data?.field;
    if (isFormField(field)) {
      form.setError(field, { message: error.message });
      focusField(elementFor(field, placeholders.length));
    } else form.setError("root", { message: error.message });
  };
  const update = useMutation(trpc.campaign.update.mutationOptions({ onError }));
  const launch = useMutation(
    trpc.campaign.launch.mutationOptions({
      onSuccess: async (result) => {
        toast.success(
          result.status === "sending"
            ? "Campaign launched: sending now"
            : result.status === "active"
              ? values.trigger === "dialer"
                ? "Campaign launched: upload a dialer list to send"
                : "Campaign launched: it sends to each new contact"
              : "Campaign launched: it sends at its scheduled time",
        );
        await queryClient.invalidateQueries({ queryKey: trpc.campaign.pathKey() });
      },
      onError: (error) => {
        onError(error);
        void refresh();
      },
    }),
  );
  const pending = update.isPending || launch.isPending;

  const save = form.handleSubmit(async (v) => {
    // The schedule only means something for a scheduled campaign, a sender only for WhatsApp.
    const data: CampaignDraft = {
      ...v,
      schedule: v.trigger === "scheduled" ? v.schedule : null,
      // A dialer line names its own template and values.
      templateId: v.trigger === "dialer" ? null : v.templateId,
      placeholderMappings: v.trigger === "dialer" ? [] : v.placeholderMappings,
      senderId: v.channel === "whatsapp" ? v.senderId : null,
      smsBody: v.smsBody || null,
    };
    try {
      await update.mutateAsync({ id, data });
    } catch {
      return; // shown by onError, next to its field
    }
    // The launch issues are re-checked on the saved draft before the form reads "saved".
    await refresh();
    form.reset(v);
    toast.success("Draft saved");
  });

  // Selects whose empty choice means null in the draft.
  const nullable = (
    name: "integrationId" | "senderId" | "templateId" | "segmentId" | "optInField" | "statusField",
  ) => ({
    value: values[name] ?? "",
    onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
      form.setValue(name, e.target.value || null, { shouldDirty: true });
      form.clearErrors(name);
    },
  });

  const setChannel = (channel: Values["channel"]) => {
    const only = opts.integrations.filter((i) => i.channel === channel);
    form.setValue("channel", channel, { shouldDirty: true });
    form.setValue("integrationId", only.length === 1 ? (only[0]?.id ?? null) : null, { shouldDirty: true });
    form.setValue("senderId", null, { shouldDirty: true });
    form.setValue("templateId", null, { shouldDirty: true });
    form.setValue("placeholderMappings", [], { shouldDirty: true });
  };
  const setIntegration = (integrationId: string | null) => {
    const senders = opts.integrations.find((i) => i.id === integrationId)?.senders ?? [];
    form.setValue("integrationId", integrationId, { shouldDirty: true });
    // One business account is the obvious choice; with several, the person picks.
    form.setValue("senderId", senders.length === 1 ? (senders[0]?.id ?? null) : null, { shouldDirty: true });
    form.setValue("templateId", null, { shouldDirty: true });
    form.setValue("placeholderMappings", [], { shouldDirty: true });
    form.clearErrors(["integrationId", "senderId", "templateId"]);
  };
  const setTemplate = (templateId: string | null) => {
    const chosen = opts.templates.find((t) => t.id === templateId);
    const count = chosen ? placeholdersOf(chosen.body).length : 0;
    const current = form.getValues("placeholderMappings");
    form.setValue("templateId", templateId, { shouldDirty: true });
    // One row per placeholder: existing choices are kept in order, new rows start unchosen.
    form.setValue(
      "placeholderMappings",
      Array.from({ length: count }, (_, i) => current[i] ?? blankMapping),
      { shouldDirty: true },
    );
    form.clearErrors(["templateId", "placeholderMappings"]);
  };
  const setMapping = (index: number, mapping: Mapping) => {
    const current = form.getValues("placeholderMappings");
    const next = Array.from({ length: Math.max(placeholders.length, current.length) }, (_, i) =>
      i === index ? mapping : (current[i] ?? blankMapping),
    );
    form.setValue("placeholderMappings", next, { shouldDirty: true });
    form.clearErrors("placeholderMappings");
  };

  const mappingLabel = (m: Mapping | undefined) =>
    !m ? "" : m.kind === "fixed" ? m.value : m.field ? fieldLabel(m.field) : "";
  const previewValues = placeholders.map((_, i) => mappingLabel(values.placeholderMappings[i]));
  const issues = data.launchIssues;
  const section = "space-y-4 rounded-lg border border-line bg-white p-5";
  const legend = "float-left mb-1 w-full text-base font-semibold";
  const mappingsError = errors.placeholderMappings?.message ?? errors.placeholderMappings?.root?.message;

  const rootError = errors.root?.message;
  const optionsError = options.isError ? `The choices could not be loaded: ${options.error.message}` : null;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <form onSubmit={(e) => void save(e)} noValidate className="space-y-5" aria-label="Campaign configuration">
        {optionsError ? (
          <p role="alert" className="text-sm text-danger">
            {optionsError}
          </p>
        ) : null}

        <fieldset className={section}>
          <legend className={legend}>Message settings</legend>
          <Field id="campaign-name" label="Campaign name" error={errors.name?.message}>
            <Input
              id="campaign-name"
              autoComplete="off"
              aria-invalid={!!errors.name}
              aria-describedby={describedBy("campaign-name", false, errors.name)}
              {...form.register("name")}
            />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              id="campaign-channel"
              label="Channel"
              hint="WhatsApp sends through Mitto or Wavy, SMS through Attentive."
            >
              <Select
                id="campaign-channel"
                className="w-full"
                value={values.channel}
                onChange={(e) => setChannel(e.target.value === "sms" ? "sms" : "whatsapp")}
                aria-describedby="campaign-channel-hint"
              >
                <option value="whatsapp">{channelLabels.whatsapp}</option>
                <option value="sms">{channelLabels.sms}</option>
              </Select>
            </Field>
            <Field
              id="campaign-integrationId"
              label="Integration"
              error={errors.integrationId?.message}
              hint={
                integrations.length === 0 && options.isSuccess
                  ? `No active ${values.channel === "sms" ? "Attentive" : "Mitto or Wavy"} integration: an admin connects one under Integrations.`
                  : undefined
              }
            >
              <Select
                id="campaign-integrationId"
                className="w-full"
                value={values.integrationId ?? ""}
                onChange={(e) => setIntegration(e.target.value || null)}
                aria-invalid={!!errors.integrationId}
                aria-describedby={describedBy(
                  "campaign-integrationId",
                  integrations.length === 0 && options.isSuccess,
                  errors.integrationId,
                )}
              >
                <option value="">Choose an integration…</option>
                {/* A saved choice that is no longer offered stays visible, so nothing changes silently. */}
                {values.integrationId && !integration && data.integration?.id === values.integrationId ? (
                  <option value={data.integration.id}>{data.integration.label} (not available)</option>
                ) : null}
                {integrations.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.label} · {vendorLabels[i.vendor] ?? i.vendor}
                  </option>
                ))}
              </Select>
            </Field>
            {values.channel === "whatsapp" ? (
              <Field
                id="campaign-senderId"
                label="Business account"
                aside="WhatsApp number"
                error={errors.senderId?.message}
              >
                <Select
                  id="campaign-senderId"
                  className="w-full"
                  {...nullable("senderId")}
                  aria-invalid={!!errors.senderId}
                  aria-describedby={describedBy("campaign-senderId", false, errors.senderId)}
                >
                  <option value="">
                    {values.integrationId ? "Choose a business account…" : "Choose the integration first"}
                  </option>
                  {values.senderId &&
                  !integration?.senders.some((s) => s.id === values.senderId) &&
                  data.sender?.id === values.senderId ? (
                    <option value={data.sender.id}>{data.sender.name} (not available)</option>
                  ) : null}
                  {(integration?.senders ?? []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                      {s.phoneNumber ? ` (${s.phoneNumber})` : ""}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
            <Field
              id="campaign-optInField"
              label="Opt-in field"
              aside="OPTIN"
              hint="Who may be messaged: the consent recorded for this channel, or a custom attribute that must say YES."
              error={errors.optInField?.message}
            >
              <Select
                id="campaign-optInField"
                className="w-full"
                {...nullable("optInField")}
                aria-describedby={describedBy("campaign-optInField", true, errors.optInField)}
              >
                <option value="">Recorded {channelLabels[values.channel]} consent</option>
                {values.optInField && !attributeKeys.includes(values.optInField) ? (
                  <option value={values.optInField}>{values.optInField} (custom attribute)</option>
                ) : null}
                {attributeKeys.map((key) => (
                  <option key={key} value={key}>
                    {key} (custom attribute)
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        </fieldset>

        {values.channel === "whatsapp" && values.trigger === "dialer" ? (
          <fieldset className={section}>
            <legend className={legend}>Template</legend>
            <p className="text-sm text-muted">
              Each line of a dialer list names its template and values:{" "}
              <span className="font-mono">number,hsm:hsm_code:data1:data2</span>. Upload lists on the campaign page once
              it is launched.
            </p>
          </fieldset>
        ) : values.channel === "whatsapp" ? (
          <fieldset className={section}>
            <legend className={legend}>Template</legend>
            <Field
              id="campaign-templateId"
              label="Template"
              hint="Approved templates of the chosen integration."
              error={errors.templateId?.message}
            >
              <Select
                id="campaign-templateId"
                className="w-full"
                value={values.templateId ?? ""}
                onChange={(e) => setTemplate(e.target.value || null)}
                aria-invalid={!!errors.templateId}
                aria-describedby={describedBy("campaign-templateId", true, errors.templateId)}
              >
                <option value="">{values.integrationId ? "Choose a template…" : "Choose the integration first"}</option>
                {values.templateId &&
                !templates.some((t) => t.id === values.templateId) &&
                data.template?.id === values.templateId ? (
                  <option value={data.template.id}>{data.template.name} (not available)</option>
                ) : null}
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.language})
                  </option>
                ))}
              </Select>
            </Field>
            {template ? (
              <div className="space-y-4">
                <div className="space-y-1.5">
                  <p className="text-sm font-medium">
                    Template selected: <span className="font-mono">{template.name}</span>
                  </p>
                  <TemplatePreview body={template.body} values={previewValues} label={`Preview of ${template.name}`} />
                  <p className="text-xs text-muted">
                    Highlighted: what each placeholder is filled with. A red one is not mapped yet.
                  </p>
                </div>
                {placeholders.length === 0 ? (
                  <p className="text-sm text-muted">This template has no placeholders: it is sent as it is.</p>
                ) : (
                  <fieldset className="space-y-3">
                    <legend className="text-sm font-semibold">Input parameters</legend>
                    {placeholders.map((key, i) => {
                      const mapping = values.placeholderMappings[i];
                      // A row's error sits on "field" or "value" depending on the mapping's kind.
                      const rowError = errors.placeholderMappings?.[i] as
                        { field?: { message?: string }; value?: { message?: string } } | undefined;
                      const error = rowError?.field?.message ?? rowError?.value?.message;
                      const selectId = `campaign-mapping-${i}`;
                      return (
                        <div key={key} className="grid gap-2 sm:grid-cols-[7rem_1fr_1fr] sm:items-start">
                          <span aria-hidden className="pt-2 font-mono text-sm">
                            {`{{${key}}}`}
                          </span>
                          <Select
                            id={selectId}
                            className="w-full"
                            aria-label={`Placeholder {{${key}}}`}
                            value={mapping?.kind === "fixed" ? FIXED : (mapping?.field ?? "")}
                            onChange={(e) =>
                              setMapping(
                                i,
                                e.target.value === FIXED
                                  ? { kind: "fixed", value: mapping?.kind === "fixed" ? mapping.value : "" }
                                  : { kind: "field", field: e.target.value },
                              )
                            }
                            aria-invalid={!!error}
                            aria-describedby={error ? `${selectId}-error` : undefined}
                          >
                            <option value="">Choose a field…</option>
                            <optgroup label="Contact fields">
                              {contactFields.map((f) => (
                                <option key={f} value={f}>
                                  {contactFieldLabels[f]}
                                </option>
                              ))}
                            </optgroup>
                            {attributeKeys.length > 0 ||
                            (mapping?.kind === "field" && mapping.field.startsWith("attr:")) ? (
                              <optgroup label="Custom attributes">
                                {mapping?.kind === "field" &&
                                mapping.field.startsWith("attr:") &&
                                !attributeKeys.includes(mapping.field.slice(5)) ? (
                                  <option value={mapping.field}>{mapping.field.slice(5)}</option>
                                ) : null}
                                {attributeKeys.map((k) => (
                                  <option key={k} value={`attr:${k}`}>
                                    {k}
                                  </option>
                                ))}
                              </optgroup>
                            ) : null}
                            <option value={FIXED}>Fixed value…</option>
                          </Select>
                          {mapping?.kind === "fixed" ? (
                            <Input
                              aria-label={`Fixed value for {{${key}}}`}
                              value={mapping.value}
                              onChange={(e) => setMapping(i, { kind: "fixed", value: e.target.value })}
                              placeholder="The same text for everyone"
                              aria-invalid={!!error}
                              aria-describedby={error ? `${selectId}-error` : undefined}
                            />
                          ) : (
                            <span />
                          )}
                          {error ? (
                            <p
                              id={`${selectId}-error`}
                              role="alert"
                              className="text-sm text-danger sm:col-start-2 sm:col-end-4"
                            >
                              {error}
                            </p>
                          ) : null}
                        </div>
                      );
                    })}
                  </fieldset>
                )}
              </div>
            ) : null}
            {mappingsError ? (
              <p role="alert" className="text-sm text-danger">
                {mappingsError}
              </p>
            ) : null}
          </fieldset>
        ) : (
          <fieldset className={section}>
            <legend className={legend}>SMS text</legend>
            <Field
              id="campaign-smsBody"
              label="Message"
              hint="Merge fields fill in each contact's value: {{first_name}}, {{last_name}}, {{email}}, {{mobile_number}}, {{city}}, {{state}}, {{postal_code}}, {{country}}, or a custom attribute as {{attr:KEY}}, e.g. {{attr:loyalty_tier}}. A contact missing a value is skipped."
              error={errors.smsBody?.message}
            >
              <textarea
                id="campaign-smsBody"
                rows={5}
                className="block w-full rounded-md border border-line bg-white px-3 py-2 text-sm shadow-xs placeholder:text-muted aria-invalid:border-danger"
                placeholder="Hi {{first_name}}, …"
                aria-invalid={!!errors.smsBody}
                aria-describedby={describedBy("campaign-smsBody", true, errors.smsBody)}
                {...form.register("smsBody")}
              />
            </Field>
            <p className="text-xs text-muted" aria-live="polite">
              {(values.smsBody ?? "").length.toLocaleString("en-US")} of 1,600 characters
            </p>
          </fieldset>
        )}

        <fieldset className={section}>
          <legend className={legend}>Audience and timing</legend>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Send</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" value="contact_activated" {...form.register("trigger")} />
                When a contact is created or imported
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" value="scheduled" {...form.register("trigger")} />
                On a schedule, to a segment
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" value="dialer" {...form.register("trigger")} />
                From uploaded dialer lists (uContact CSV)
              </label>
            </div>
          </fieldset>
          {values.trigger === "dialer" ? null : (
            <Field
              id="campaign-segmentId"
              label="Segment"
              hint={
                values.trigger === "scheduled"
                  ? "Who receives the campaign at each send."
                  : "Optional: the preview of recipients uses it as a sample audience."
              }
              error={errors.segmentId?.message}
            >
              <Select
                id="campaign-segmentId"
                className="w-full"
                {...nullable("segmentId")}
                aria-invalid={!!errors.segmentId}
                aria-describedby={describedBy("campaign-segmentId", true, errors.segmentId)}
              >
                <option value="">{values.trigger === "scheduled" ? "Choose a segment…" : "No segment"}</option>
                {values.segmentId &&
                !opts.segments.some((s) => s.id === values.segmentId) &&
                data.segment?.id === values.segmentId ? (
                  <option value={data.segment.id}>{data.segment.name}</option>
                ) : null}
                {opts.segments.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {s.lastCount === null ? "" : ` (${s.lastCount.toLocaleString("en-US")} contacts when last counted)`}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {values.trigger === "scheduled" ? (
            <div className="grid gap-4 sm:grid-cols-3">
              <Field
                id="campaign-schedule-frequency"
                label="Frequency"
                error={errors.schedule?.frequency?.message ?? errors.schedule?.message}
              >
                <Select
                  id="campaign-schedule-frequency"
                  className="w-full"
                  aria-describedby={describedBy(
                    "campaign-schedule-frequency",
                    false,
                    errors.schedule?.frequency ?? errors.schedule,
                  )}
                  {...form.register("schedule.frequency")}
                >
                  {frequencies.map((f) => (
                    <option key={f} value={f}>
                      {frequencyLabels[f]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                id="campaign-schedule-date"
                label={values.schedule?.frequency === "once" ? "Date" : "First date"}
                hint={
                  values.schedule?.frequency === "once" ? "Leave empty to send as soon as it is launched." : undefined
                }
                error={errors.schedule?.date?.message}
              >
                <Input
                  id="campaign-schedule-date"
                  type="date"
                  value={values.schedule?.date ?? ""}
                  onChange={(e) => form.setValue("schedule.date", e.target.value || null, { shouldDirty: true })}
                  aria-invalid={!!errors.schedule?.date}
                  aria-describedby={describedBy(
                    "campaign-schedule-date",
                    values.schedule?.frequency === "once",
                    errors.schedule?.date,
                  )}
                />
              </Field>
              <Field
                id="campaign-schedule-time"
                label="Time"
                hint={`In each contact's own time zone; contacts without one get it in ${opts.timeZone}, the workspace's time zone.`}
                error={errors.schedule?.time?.message}
              >
                <Input
                  id="campaign-schedule-time"
                  type="time"
                  aria-invalid={!!errors.schedule?.time}
                  aria-describedby={describedBy("campaign-schedule-time", true, errors.schedule?.time)}
                  {...form.register("schedule.time")}
                />
              </Field>
            </div>
          ) : null}
        </fieldset>

        <fieldset className={section}>
          <legend className={legend}>Output parameters (optional)</legend>
          <Field
            id="campaign-statusField"
            label="Last message status"
            aside="LAST_MESSAGE_STATUS"
            hint="The contact field that receives each message's final status."
            error={errors.statusField?.message}
          >
            <Select
              id="campaign-statusField"
              className="w-full"
              {...nullable("statusField")}
              aria-invalid={!!errors.statusField}
              aria-describedby={describedBy("campaign-statusField", true, errors.statusField)}
            >
              <option value="">Do not write the status back</option>
              <option value={LAST_MESSAGE_STATUS}>Last message status (contact field)</option>
              {values.statusField?.startsWith("attr:") && !attributeKeys.includes(values.statusField.slice(5)) ? (
                <option value={values.statusField}>{values.statusField.slice(5)} (custom attribute)</option>
              ) : null}
              {attributeKeys.map((k) => (
                <option key={k} value={`attr:${k}`}>
                  {k} (custom attribute)
                </option>
              ))}
            </Select>
          </Field>
          <Field
            id="campaign-statusTimeoutMinutes"
            label="Timeout for receiving message statuses"
            hint="How long to wait for delivery statuses before the last one is written back: 0 to 24 hours."
            error={errors.statusTimeoutMinutes?.message}
          >
            <div className="flex items-center gap-4">
              <input
                id="campaign-statusTimeoutMinutes"
                type="range"
                min={0}
                max={MAX_STATUS_TIMEOUT_MINUTES}
                step={1}
                className="w-full accent-brand-600"
                aria-valuetext={formatMinutes(values.statusTimeoutMinutes)}
                aria-describedby={describedBy("campaign-statusTimeoutMinutes", true, errors.statusTimeoutMinutes)}
                {...form.register("statusTimeoutMinutes", { valueAsNumber: true })}
              />
              <output
                htmlFor="campaign-statusTimeoutMinutes"
                className="w-20 shrink-0 text-right font-mono text-sm tabular-nums"
              >
                {formatMinutes(values.statusTimeoutMinutes)}
              </output>
            </div>
          </Field>
        </fieldset>

        {rootError ? (
          <p role="alert" className="text-sm text-danger">
            {rootError}
          </p>
        ) : null}
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={!hydrated || pending}>
            {update.isPending ? "Saving…" : "Save draft"}
          </Button>
          <p className="text-sm text-muted" aria-live="polite">
            {isDirty ? "Unsaved changes" : "All changes saved"}
          </p>
        </div>
      </form>

      <aside className="space-y-6">
        <section
          aria-labelledby="launch-heading"
          className="space-y-3 rounded-lg border border-line bg-white p-5 lg:sticky lg:top-4"
        >
          <h2 id="launch-heading" className="text-base font-semibold">
            Launch
          </h2>
          {issues.length === 0 ? (
            <p className="flex items-center gap-2 text-sm text-success">
              <CircleCheck aria-hidden className="size-4" /> Ready to launch
            </p>
          ) : (
            <div>
              <p className="text-sm font-medium">
                {issues.length === 1
                  ? "1 thing to fix before launching:"
                  : `${issues.length} things to fix before launching:`}
              </p>
              <ul aria-label="Launch issues" className="mt-2 space-y-1.5 text-sm">
                {issues.map((issue, i) => (
                  <li key={`${issue.field}-${i}`} className="flex gap-2">
                    <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
                    <a
                      href={`#${elementFor(issue.field, placeholders.length)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        focusField(elementFor(issue.field, placeholders.length));
                      }}
                      className="text-left text-ink underline decoration-danger/50 underline-offset-2 hover:decoration-danger"
                    >
                      {issue.message}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {isDirty ? <p className="text-sm text-muted">Save the draft to check it again.</p> : null}
          <Button
            className="w-full"
            onClick={() => launch.mutate({ id })}
            disabled={!hydrated || pending || isDirty || issues.length > 0}
          >
            <Rocket aria-hidden className="size-4" />
            {launch.isPending ? "Launching…" : "Launch"}
          </Button>
          <p className="text-xs text-muted">
            {values.trigger === "contact_activated"
              ? "Once launched, each contact created or imported with consent gets the message."
              : values.trigger === "dialer"
                ? "Once launched, each uploaded dialer list is sent line by line."
                : values.schedule?.frequency === "once" && !values.schedule.date
                  ? "No date: it sends as soon as it is launched."
                  : "It sends at its scheduled time."}{" "}
            A launched campaign can be paused, resumed or cancelled, not edited.
          </p>
        </section>
        <TestSend id={id} disabled={isDirty} />
      </aside>

      <div className="lg:col-span-2">
        <DryRunPanel id={id} stale={isDirty} />
      </div>
    </div>
  );
}
