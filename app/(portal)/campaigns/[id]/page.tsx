import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { titleFrom } from "@/app/_components/page-title";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { campaignIdInput } from "@/server/domains/campaign/schema";
import { campaignsPaging, messagesPageSize } from "../_components/campaigns-query";
import { CampaignTitle, CampaignView } from "../_components/campaign-view";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const generateMetadata = ({ params }: { params: Promise<{ id: string }> }) =>
  titleFrom("Campaign", async () => {
    const { id } = campaignIdInput.parse(await params);
    return (await getQueryClient().fetchQuery(trpc.campaign.get.queryOptions({ id }))).campaign.name;
  });

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  // Both roles: marketers build and run campaigns, admins oversee them.
  const user = await requirePageRole();
  const parsed = campaignIdInput.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  const queryClient = getQueryClient();
  // Awaited, so a campaign of another workspace (or none) is a 404 rather than a broken page.
  let draft: boolean;
  try {
    draft = (await queryClient.fetchQuery(trpc.campaign.get.queryOptions({ id }))).campaign.status === "draft";
  } catch {
    notFound();
  }
  if (draft) void queryClient.prefetchQuery(trpc.campaign.options.queryOptions());
  else
    void queryClient.prefetchInfiniteQuery(
      trpc.campaign.messages.infiniteQueryOptions({ id, status: null, limit: messagesPageSize }, campaignsPaging),
    );
  return (
    <HydrateClient>
      <PageHeader
        title={<CampaignTitle id={id} />}
        description={
          draft
            ? "Configure the draft as in Responsys' app configuration: message settings, template and placeholders, audience and timing, output parameters. Preview recipients and send a test before you launch."
            : "Delivery progress, the funnel from queued to read, and every recipient with their status history."
        }
        actions={
          <Link href="/campaigns" className={buttonClasses("secondary")}>
            Back to campaigns
          </Link>
        }
      />
      <CampaignView id={id} isAdmin={user.role === "admin"} />
    </HydrateClient>
  );
}
