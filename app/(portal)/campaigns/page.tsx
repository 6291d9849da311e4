import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { campaignsListInput, campaignsPaging } from "./_components/campaigns-query";
import { CampaignsTable } from "./_components/campaigns-table";
import { buttonClasses } from "@/app/_components/ui/button";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  // Both roles: marketers run campaigns, admins oversee them.
  await requirePageRole();
  void getQueryClient().prefetchInfiniteQuery(
    trpc.campaign.list.infiniteQueryOptions(campaignsListInput, campaignsPaging),
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
      <HydrateClient>
        <CampaignsTable />
      </HydrateClient>
    </>
  );
}
