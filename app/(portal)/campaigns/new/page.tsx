import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { requirePageRole } from "@/server/auth/guard";
import { NewCampaign } from "../_components/new-campaign";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  await requirePageRole();
  return (
    <>
      <PageHeader
        title="New campaign"
        description="Name the campaign and choose its channel. It is saved as a draft, which you then configure: sender, opt-in field, template and placeholders, audience and timing."
        actions={
          <Link href="/campaigns" className={buttonClasses("secondary")}>
            Back to campaigns
          </Link>
        }
      />
      <NewCampaign />
    </>
  );
}
