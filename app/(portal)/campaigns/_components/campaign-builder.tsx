"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { Form, FormMessage, setServerError } from "@/app/_components/ui/form";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import type { getCampaign } from "@/server/domains/campaign/get-campaign";
import type { CampaignOptions } from "@/server/domains/campaign/get-campaign-options";
import { campaignDraft, campaignSchedule, type CampaignDraft } from "@/server/domains/campaign/schema";
import { placeholdersOf } from "@/server/domains/template/render";
import { AudienceTiming } from "./builder/audience-timing";
import { elementFor, focusField, type Output, type Values } from "./builder/form";
import { LaunchPanel } from "./builder/launch-panel";
import { MessageSettings } from "./builder/message-settings";
import { OutputParameters } from "./builder/output-parameters";
import { Replies } from "./builder/replies";
import { SmsText } from "./builder/sms-text";
import { DialerTemplateNote, TemplateSection } from "./builder/template-section";
import { CampaignMembers } from "./campaign-members";
import { DryRunPanel } from "./dry-run-panel";
import { TestSend } from "./test-send";

export type CampaignData = Awaited<ReturnType<typeof getCampaign>>;

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
    serviceLevelMinutes: c.serviceLevelMinutes,
  };
}

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
  "serviceLevelMinutes",
] as const;

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
  const template =
    opts.templates.find((t) => t.id === values.templateId) ??
    (data.template?.id === values.templateId ? data.template : null);
  const placeholders = template ? placeholdersOf(template.body) : [];

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.campaign.get.queryKey({ id }) });
  const onError = (error: Parameters<typeof setServerError>[1]) => {
    const field = setServerError(form.setError, error, formFields);
    if (field !== "root") focusField(elementFor(field, placeholders.length));
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

  const optionsError = options.isError ? `The choices could not be loaded: ${options.error.message}` : null;

  return (
    <Form {...form}>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <form onSubmit={(e) => void save(e)} noValidate className="space-y-5" aria-label="Campaign configuration">
          <FormMessage>{optionsError}</FormMessage>

          <MessageSettings data={data} opts={opts} optionsLoaded={options.isSuccess} />
          {values.channel === "whatsapp" && values.trigger === "dialer" ? (
            <DialerTemplateNote />
          ) : values.channel === "whatsapp" ? (
            <TemplateSection data={data} opts={opts} template={template} placeholders={placeholders} />
          ) : (
            <SmsText />
          )}
          <AudienceTiming data={data} opts={opts} />
          <OutputParameters attributeKeys={opts.attributeKeys} />
          <Replies />

          <FormMessage>{errors.root?.message}</FormMessage>
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
          <LaunchPanel
            issues={data.launchIssues}
            mappings={placeholders.length}
            busy={!hydrated || pending}
            launching={launch.isPending}
            onLaunch={() => launch.mutate({ id })}
          />
          <TestSend id={id} disabled={isDirty} />
          <CampaignMembers data={data} />
        </aside>

        <div className="lg:col-span-2">
          <DryRunPanel id={id} stale={isDirty} />
        </div>
      </div>
    </Form>
  );
}
