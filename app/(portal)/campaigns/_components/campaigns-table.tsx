"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Send } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { Badge } from "@/app/_components/ui/badge";
import { DataTable } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { campaignsListInput, campaignsPaging } from "./campaigns-query";
import { channelLabels, formatWhen, statusLabels, statusTone, triggerLabels } from "./labels";
import { LoadMore } from "@/app/_components/load-more";

const When = ({ at, never }: { at: Date | null; never: string }) =>
  at ? (
    <time dateTime={at.toISOString()} suppressHydrationWarning>
      {formatWhen(at)}
    </time>
  ) : (
    <span className="text-muted">{never}</span>
  );

/** The workspace's campaigns, newest first. */
export function CampaignsTable() {
  const trpc = useTRPC();
  const campaigns = useInfiniteQuery(trpc.campaign.list.infiniteQueryOptions(campaignsListInput, campaignsPaging));
  const rows = campaigns.data?.pages.flatMap((p) => p.items) ?? [];

  if (campaigns.isError) {
    return (
      <p role="alert" className="text-sm text-danger">
        The campaigns could not be loaded: {campaigns.error.message}
      </p>
    );
  }
  if (campaigns.isSuccess && rows.length === 0) {
    return (
      <EmptyState icon={Send} title="No campaigns yet">
        <p>
          Create one with New campaign: pick WhatsApp or SMS, the integration and template, map each placeholder to a
          contact field, then preview who would receive it before you launch.
        </p>
        <p>
          <Link href="/campaigns/new" className="font-medium text-brand-600 hover:underline">
            Create a campaign
          </Link>
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="rounded-lg border border-line bg-white">
      <DataTable
        caption="Campaigns, newest first"
        busy={campaigns.isFetching && !campaigns.isFetchingNextPage}
        columns={["Name", "Channel", "Trigger", "Status", "Created", "Launched"]}
      >
        {rows.map((c) => (
          <tr key={c.id}>
            <td className="px-4 py-3 font-medium">
              <Link href={`/campaigns/${c.id}`} className="text-brand-600 hover:underline">
                {c.name}
              </Link>
            </td>
            <td className="px-4 py-3">{channelLabels[c.channel]}</td>
            <td className="px-4 py-3">{triggerLabels[c.trigger]}</td>
            <td className="px-4 py-3">
              <Badge tone={statusTone(c.status)}>{statusLabels[c.status]}</Badge>
            </td>
            <td className="px-4 py-3 whitespace-nowrap">
              <When at={c.createdAt} never="—" />
            </td>
            <td className="px-4 py-3 whitespace-nowrap">
              <When at={c.launchedAt} never="Not yet" />
            </td>
          </tr>
        ))}
      </DataTable>
      {campaigns.isPending ? <p className="p-4 text-sm text-muted">Loading campaigns…</p> : null}
      <LoadMore pages={campaigns} />
    </div>
  );
}
