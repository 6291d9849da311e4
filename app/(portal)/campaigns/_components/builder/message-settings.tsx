"use client";

import { Fieldset } from "@/app/_components/ui/fieldset";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Input, Select } from "@/app/_components/ui/input";
import type { CampaignOptions } from "@/server/domains/campaign/get-campaign-options";
import type { CampaignData } from "../campaign-builder";
import { channelLabels } from "../labels";
import { nullable, useBuilderForm, type Values } from "./form";

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
    <Fieldset legend="Message settings" className="space-y-4">
      <FormField
        control={form.control}
        name="name"
        render={({ field }) => (
          <FormItem id="campaign-name">
            <FormLabel>Campaign name</FormLabel>
            <FormControl>
              <Input autoComplete="off" {...field} />
            </FormControl>
            <FormMessage />
          </FormItem>
        )}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          control={form.control}
          name="channel"
          render={({ field }) => (
            <FormItem id="campaign-channel">
              <FormLabel>Channel</FormLabel>
              <FormControl>
                <Select
                  className="w-full"
                  {...field}
                  onChange={(e) => setChannel(e.target.value === "sms" ? "sms" : "whatsapp")}
                >
                  <option value="whatsapp">{channelLabels.whatsapp}</option>
                  <option value="sms">{channelLabels.sms}</option>
                </Select>
              </FormControl>
              <FormDescription>WhatsApp sends through Mitto or Wavy, SMS through Attentive.</FormDescription>
              <FormMessage />
            </FormItem>
          )}
        />
        <FormField
          control={form.control}
          name="integrationId"
          render={({ field }) => (
            <FormItem id="campaign-integrationId">
              <FormLabel>Integration</FormLabel>
              <FormControl>
                <Select
                  className="w-full"
                  {...field}
                  value={field.value ?? ""}
                  onChange={(e) => setIntegration(e.target.value || null)}
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
              </FormControl>
              {integrations.length === 0 && optionsLoaded ? (
                <FormDescription>
                  {`No active ${values.channel === "sms" ? "Attentive" : "Mitto or Wavy"} integration: an admin connects one under Integrations.`}
                </FormDescription>
              ) : null}
              <FormMessage />
            </FormItem>
          )}
        />
        {values.channel === "whatsapp" ? (
          <FormField
            control={form.control}
            name="senderId"
            render={({ field }) => (
              <FormItem id="campaign-senderId">
                <FormLabel aside="WhatsApp number">Business account</FormLabel>
                <FormControl>
                  <Select className="w-full" {...nullable(form, field)}>
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
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
        ) : null}
        <FormField
          control={form.control}
          name="optInField"
          render={({ field }) => (
            <FormItem id="campaign-optInField">
              <FormLabel aside="OPTIN">Opt-in field</FormLabel>
              <FormControl>
                <Select className="w-full" {...nullable(form, field)}>
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
              </FormControl>
              <FormDescription>
                Who may be messaged: the consent recorded for this channel, or a custom attribute that must say YES.
              </FormDescription>
              <FormMessage />
            </FormItem>
          )}
        />
      </div>
    </Fieldset>
  );
}
