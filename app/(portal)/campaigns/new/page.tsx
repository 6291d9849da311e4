import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { requirePageRole } from "@/server/auth/guard";
import { NewCampaign } from "../_components/new-campaign";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  await requirePageRole();
  return (
    <>
      <PageHeader
        title="New campaign"
        description="Name the campaign and choose its channel. It is saved as a draft, which you then configure: sender, opt-in field, template and placeholders, audience and timing."
        actions={
          <Link
            href="/campaigns"
            className="inline-flex items-center rounded-md border border-line bg-white px-3.5 py-2 text-sm font-medium hover:bg-surface"
          >
            Back to campaigns
          </Link>
        }
      />
      <NewCampaign />
    </>
  );
}
