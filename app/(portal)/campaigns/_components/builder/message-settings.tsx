"use client";

import { Field } from "@/app/_components/ui/field";
import { Input, Select } from "@/app/_components/ui/input";
import type { CampaignOptions } from "@/server/domains/campaign/get-campaign-options";
import type { CampaignData } from "../campaign-builder";
import { channelLabels } from "../labels";
import { describedBy, legendClass, nullable, sectionClass, useBuilderForm, type Values } from "./form";

/** Name, channel, integration, WhatsApp business account and opt-in field. */
export function MessageSettings({
  data,
  opts,
  optionsLoaded,
}: {
  data: CampaignData;
  opts: CampaignOptions;
  optionsLoaded: boolean;
}) {
  const form = useBuilderForm();
  const { errors } = form.formState;
  const values = form.watch();
  const integrations = opts.integrations.filter((i) => i.channel === values.channel);
  const integration = opts.integrations.find((i) => i.id === values.integrationId);
  const attributeKeys = opts.attributeKeys;

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

  return (
    <fieldset className={sectionClass}>
      <legend className={legendClass}>Message settings</legend>
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
            integrations.length === 0 && optionsLoaded
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
              integrations.length === 0 && optionsLoaded,
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
                {i.label} · {i.vendorLabel}
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
              {...nullable(form, "senderId")}
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
            {...nullable(form, "optInField")}
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
  );
}
