import { PageHeader } from "@/app/_components/page-header";
import { titleFrom } from "@/app/_components/page-title";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { IntegrationDetail, IntegrationTitle } from "../_components/integration-detail";

export const generateMetadata = ({ params }: { params: Promise<{ id: string }> }) =>
  titleFrom("Integration", async () => {
    const { id } = await params;
    return (await getQueryClient().fetchQuery(trpc.integration.get.queryOptions({ id }))).label;
  });

export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin");
  const { id } = await params;
  void getQueryClient().prefetchQuery(trpc.integration.get.queryOptions({ id }));
  return (
    <HydrateClient>
      <PageHeader
        title={<IntegrationTitle id={id} />}
        description="Status, connection tests and settings of one integration."
      />
      <IntegrationDetail id={id} />
    </HydrateClient>
  );
}
