import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { campaignsListInput, campaignsPaging, statusFromParams } from "./_components/campaigns-query";
import { statusLabels } from "./_components/labels";
import { FilterNote } from "@/app/_components/filter-note";
import { CampaignsTable } from "./_components/campaigns-table";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Both roles: marketers run campaigns, admins oversee them.
  await requirePageRole();
  const status = statusFromParams((await searchParams).status);
  void getQueryClient().prefetchInfiniteQuery(
    trpc.campaign.list.infiniteQueryOptions(campaignsListInput(status), campaignsPaging),
  );
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="WhatsApp and SMS sends: triggered when a contact is created or imported, or scheduled to a segment. Preview who would receive them, launch, and watch delivery statuses arrive."
        actions={
          <Link href="/campaigns/new" className={buttonClasses()}>
            <Plus aria-hidden className="size-4" /> New campaign
          </Link>
        }
      />
      {status ? <FilterNote label={`${statusLabels[status].toLowerCase()} campaigns`} clearHref="/campaigns" /> : null}
      <HydrateClient>
        <CampaignsTable status={status} />
      </HydrateClient>
    </>
  );
}
