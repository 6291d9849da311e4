"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Ban, Copy, Pause, Play } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useFormat, When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/provider";
import { campaignSchedule, LAST_MESSAGE_STATUS } from "@/server/domains/campaign/schema";
import type { CampaignData } from "./campaign-builder";
import { liveStatuses, pollInterval } from "./campaigns-query";
import { CampaignMembers } from "./campaign-members";
import { DialerUpload } from "./dialer-upload";
import { FunnelChart } from "./funnel";
import { channelLabels, fieldLabel, statusLabels, statusTone, triggerLabels } from "./labels";
import { RecipientsTable } from "./recipients-table";
import { ResponseTimes } from "./response-times";

function Progress({ data }: { data: CampaignData }) {
  const format = useFormat();
  const { queued, pending } = data.funnel;
  const processed = queued - pending;
  // Nothing queued (everyone skipped, or the audience is still being read): complete only once it is.
  const percent = queued > 0 ? Math.floor((processed / queued) * 100) : data.campaign.status === "completed" ? 100 : 0;
  const label = data.campaign.status === "sending" ? "Sending" : "Sent";
  return (
    <div className="space-y-1.5">
      <div className="flex justify-between text-sm">
        <span id="progress-label" className="font-medium">
          {label}
        </span>
        <span className="tabular-nums" aria-hidden>
          {format.count(processed)} of {format.count(queued)} · {format.percent(percent / 100)}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="progress-label"
        aria-valuemin={0}
        aria-valuemax={queued}
        aria-valuenow={processed}
        aria-valuetext={`${format.count(processed)} of ${format.count(queued)} messages processed (${format.percent(percent / 100)})`}
        className="h-3 overflow-hidden rounded-full bg-surface ring-1 ring-line ring-inset"
      >
        <div
          className="h-full rounded-full bg-brand-600 transition-[width] duration-500"
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="text-xs text-muted">
        {data.pace.achieved !== null && processed > 0 ? (
          <span className="font-medium text-ink">
            Sending at {format.count(data.pace.achieved)} msg/s of the sender&apos;s{" "}
            {format.count(data.pace.configured)} msg/s.{" "}
          </span>
        ) : null}
        Processed: handed to the vendor or failed. Delivery and read receipts follow in the funnel below.
      </p>
    </div>
  );
}

/** A launched campaign: its state and controls, progress, funnel, and recipients. */
export function CampaignDetail({ data, isAdmin }: { data: CampaignData; isAdmin: boolean }) {
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const { campaign } = data;
  const id = campaign.id;
  const [confirmCancel, setConfirmCancel] = useState(false);
  const after = (verb: string) => ({
    onSuccess: async () => {
      toast.success(`Campaign ${verb}`);
      setConfirmCancel(false);
      await queryClient.invalidateQueries({ queryKey: trpc.campaign.pathKey() });
    },
    onError: (error: { message: string }) => toast.error(error.message),
  });
  const pause = useMutation(trpc.campaign.pause.mutationOptions(after("paused")));
  const resume = useMutation(trpc.campaign.resume.mutationOptions(after("resumed")));
  const cancel = useMutation(trpc.campaign.cancel.mutationOptions(after("cancelled")));
  const router = useRouter();
  const duplicate = useMutation(
    trpc.campaign.duplicate.mutationOptions({
      onSuccess: async (copy) => {
        toast.success(`Saved “${copy.name}” as a draft`);
        await queryClient.invalidateQueries({ queryKey: trpc.campaign.list.pathKey() });
        router.push(`/campaigns/${copy.id}`);
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const pending = pause.isPending || resume.isPending || cancel.isPending || duplicate.isPending;
  const status = campaign.status;
  const canPause = status === "active" || status === "scheduled" || status === "sending";
  const canCancel = canPause || status === "paused";
  const schedule = campaignSchedule.safeParse(campaign.schedule);
  const live = liveStatuses.has(status);

  return (
    <div className="space-y-6">
      <section aria-labelledby="campaign-heading" className="space-y-4 rounded-lg border border-line bg-white p-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap items-center gap-3">
            {/* The page's heading names the campaign. */}
            <h2 id="campaign-heading" className="text-xl font-semibold">
              Overview
            </h2>
            <span role="status" aria-label="Campaign status">
              <Badge tone={statusTone(status)}>{statusLabels[status]}</Badge>
            </span>
          </div>
          <div className="flex flex-wrap gap-2">
            {canPause ? (
              <Button variant="secondary" onClick={() => pause.mutate({ id })} disabled={pending}>
                <Pause aria-hidden className="size-4" /> {pause.isPending ? "Pausing…" : "Pause"}
              </Button>
            ) : null}
            {status === "paused" ? (
              <Button variant="secondary" onClick={() => resume.mutate({ id })} disabled={pending}>
                <Play aria-hidden className="size-4" /> {resume.isPending ? "Resuming…" : "Resume"}
              </Button>
            ) : null}
            {campaign.trigger !== "responsys_app" ? (
              <Button variant="secondary" onClick={() => duplicate.mutate({ id })} disabled={pending}>
                <Copy aria-hidden className="size-4" /> {duplicate.isPending ? "Duplicating…" : "Duplicate"}
              </Button>
            ) : null}
            {canCancel && !confirmCancel ? (
              <Button variant="secondary" onClick={() => setConfirmCancel(true)} disabled={pending}>
                <Ban aria-hidden className="size-4" /> Cancel campaign
              </Button>
            ) : null}
          </div>
        </div>
        {confirmCancel ? (
          <div
            role="group"
            aria-labelledby="cancel-question"
            className="flex flex-wrap items-center gap-3 rounded-md border border-danger/40 bg-danger/5 p-3"
          >
            <p id="cancel-question" className="text-sm">
              Cancel this campaign? Messages not yet sent are not sent, and it cannot be restarted.
            </p>
            <div className="flex gap-2">
              <Button variant="danger" onClick={() => cancel.mutate({ id })} disabled={pending} autoFocus>
                {cancel.isPending ? "Cancelling…" : "Yes, cancel it"}
              </Button>
              <Button variant="secondary" onClick={() => setConfirmCancel(false)} disabled={pending}>
                Keep it
              </Button>
            </div>
          </div>
        ) : null}
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
          <dt className="text-muted">Channel</dt>
          <dd>{channelLabels[campaign.channel]}</dd>
          <dt className="text-muted">Integration</dt>
          <dd>{data.integration?.label ?? "—"}</dd>
          <dt className="text-muted">Trigger</dt>
          <dd>{triggerLabels[campaign.trigger]}</dd>
          <dt className="text-muted">{campaign.channel === "whatsapp" ? "Template" : "Message"}</dt>
          <dd className={campaign.channel === "whatsapp" ? "font-mono text-xs" : undefined}>
            {campaign.trigger === "dialer"
              ? "Named on each dialer line"
              : campaign.channel === "whatsapp"
                ? (data.template?.name ?? "—")
                : (campaign.smsBody ?? "—")}
          </dd>
          <dt className="text-muted">Segment</dt>
          <dd>{data.segment?.name ?? "—"}</dd>
          <dt className="text-muted">Schedule</dt>
          <dd>
            {campaign.trigger !== "scheduled" || !schedule.success
              ? "—"
              : schedule.data.frequency === "once" && !schedule.data.date
                ? "Once, at launch"
                : `${schedule.data.frequency === "once" ? "Once" : schedule.data.frequency === "daily" ? "Daily" : "Weekly"} from ${schedule.data.date ? format.day(schedule.data.date) : "launch"} at ${format.clock(schedule.data.time)}, each contact's local time`}
          </dd>
          <dt className="text-muted">Launched</dt>
          <dd>{campaign.launchedAt ? <When value={campaign.launchedAt} /> : "—"}</dd>
          <dt className="text-muted">Status write-back</dt>
          <dd>
            {campaign.statusField
              ? `${campaign.statusField === LAST_MESSAGE_STATUS ? "Last message status" : fieldLabel(campaign.statusField)}, after ${format.duration(campaign.statusTimeoutMinutes)}`
              : "Off"}
          </dd>
          <dt className="text-muted">Service level</dt>
          <dd>
            {campaign.serviceLevelMinutes
              ? `First response within ${format.duration(campaign.serviceLevelMinutes)}`
              : "None"}
          </dd>
        </dl>
        {status === "sending" || data.funnel.queued > 0 ? (
          <Progress data={data} />
        ) : (
          <p className="text-sm text-muted">
            {status === "active"
              ? campaign.trigger === "dialer"
                ? "Nothing sent yet: upload a dialer list below."
                : campaign.trigger === "responsys_app"
                  ? "Nothing sent yet: contacts arrive when a Responsys program reaches its Apps step."
                  : "Nothing sent yet: each contact created or imported from now on gets the message."
              : status === "scheduled"
                ? "Nothing sent yet: it sends at its scheduled time."
                : "Nothing was sent."}
          </p>
        )}
        {live ? (
          <p className="text-xs text-muted" aria-hidden>
            Updating every few seconds.
          </p>
        ) : null}
      </section>
      {campaign.trigger === "dialer" && status === "active" ? <DialerUpload id={id} /> : null}
      <FunnelChart funnel={data.funnel} reportsDelivery={data.reportsDelivery} />
      {campaign.trigger !== "responsys_app" ? (
        <div className="grid gap-5 lg:grid-cols-2">
          <CampaignMembers data={data} />
          {isAdmin ? <ResponseTimes id={id} /> : null}
        </div>
      ) : null}
      <RecipientsTable id={id} live={pollInterval(data) !== false} reportsDelivery={data.reportsDelivery} />
    </div>
  );
}
