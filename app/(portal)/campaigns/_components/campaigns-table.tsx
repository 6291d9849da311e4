"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Send } from "lucide-react";
import Link from "next/link";
import { When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import type { listCampaigns } from "@/server/domains/campaign/list-campaigns";
import { campaignsListInput, campaignsPaging, type CampaignStatusFilter } from "./campaigns-query";
import { channelLabels, statusLabels, statusTone, triggerLabels } from "./labels";

type Campaign = Awaited<ReturnType<typeof listCampaigns>>["items"][number];

const WhenOr = ({ at, never }: { at: Date | null; never: string }) =>
  at ? <When value={at} /> : <span className="text-muted">{never}</span>;

// Paged from the server newest first: the columns do not sort.
const columns: ColumnDef<Campaign>[] = [
  {
    id: "name",
    header: "Name",
    meta: { className: "font-medium" },
    cell: ({ row: { original: c } }) => (
      <Link href={`/campaigns/${c.id}`} className="text-brand-600 hover:underline">
        {c.name}
      </Link>
    ),
  },
  { id: "channel", header: "Channel", cell: ({ row }) => channelLabels[row.original.channel] },
  { id: "trigger", header: "Trigger", cell: ({ row }) => triggerLabels[row.original.trigger] },
  {
    id: "status",
    header: "Status",
    cell: ({ row: { original: c } }) => <Badge tone={statusTone(c.status)}>{statusLabels[c.status]}</Badge>,
  },
  {
    id: "created",
    header: "Created",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row }) => <WhenOr at={row.original.createdAt} never="—" />,
  },
  {
    id: "launched",
    header: "Launched",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row }) => <WhenOr at={row.original.launchedAt} never="Not yet" />,
  },
];

/** The workspace's campaigns, newest first; only those in `status` when the address asks. */
export function CampaignsTable({ status }: { status: CampaignStatusFilter }) {
  const trpc = useTRPC();
  const campaigns = useInfiniteQuery(
    trpc.campaign.list.infiniteQueryOptions(campaignsListInput(status), campaignsPaging),
  );
  return (
    <DataTable
      columns={columns}
      data={campaigns.data?.pages.flatMap((p) => p.items) ?? []}
      caption={status ? `${statusLabels[status]} campaigns, newest first` : "Campaigns, newest first"}
      className="rounded-lg border border-line bg-white"
      pages={campaigns}
      state={{
        loading: campaigns.isPending && "Loading campaigns…",
        busy: campaigns.isFetching && !campaigns.isFetchingNextPage,
        error: loadError("The campaigns", campaigns),
      }}
      empty={
        status
          ? {
              card: { icon: Send, title: `No ${statusLabels[status].toLowerCase()} campaigns` },
              message: "None is in this state right now.",
              action: (
                <Link href="/campaigns" className="font-medium text-brand-600 hover:underline">
                  Show every campaign
                </Link>
              ),
            }
          : {
              card: { icon: Send, title: "No campaigns yet" },
              message:
                "Create one with New campaign: pick WhatsApp or SMS, the integration and template, map each placeholder to a contact field, then preview who would receive it before you launch.",
              action: (
                <Link href="/campaigns/new" className="font-medium text-brand-600 hover:underline">
                  Create a campaign
                </Link>
              ),
            }
      }
    />
  );
}
