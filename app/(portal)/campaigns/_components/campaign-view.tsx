"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_trpc/provider";
import { CampaignBuilder } from "./campaign-builder";
import { CampaignDetail } from "./campaign-detail";
import { pollInterval } from "./campaigns-query";

/** A draft opens in the builder; once launched, the same page shows progress and recipients. */
export function CampaignView({ id, isAdmin }: { id: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const campaign = useQuery({
    ...trpc.campaign.get.queryOptions({ id }),
    retry: (failures, error) => error.data?.code !== "NOT_FOUND" && failures < 3,
    refetchInterval: (query) => (query.state.data ? pollInterval(query.state.data) : false),
  });

  if (campaign.isError) {
    return (
      <div role="alert" className="rounded-lg border border-line bg-white p-5 text-sm">
        <p className="font-medium">
          {campaign.error.data?.code === "NOT_FOUND"
            ? "This campaign does not exist in this workspace."
            : `The campaign could not be loaded: ${campaign.error.message}`}
        </p>
        <p className="mt-2">
          <Link href="/campaigns" className="text-brand-600 hover:underline">
            Find it in the campaign list
          </Link>
        </p>
      </div>
    );
  }
  const data = campaign.data;
  if (!data) return <p className="text-sm text-muted">Loading the campaign…</p>;
  // A Responsys app campaign is configured from its Program's Apps step, never in the builder.
  return data.campaign.status === "draft" && data.campaign.trigger !== "responsys_app" ? (
    <CampaignBuilder key={data.campaign.id} data={data} />
  ) : (
    <CampaignDetail data={data} isAdmin={isAdmin} />
  );
}

/** The page's heading: the campaign's name, as the builder last saved it. */
export function CampaignTitle({ id }: { id: string }) {
  const trpc = useTRPC();
  return useQuery(trpc.campaign.get.queryOptions({ id })).data?.campaign.name ?? "Campaign";
}
