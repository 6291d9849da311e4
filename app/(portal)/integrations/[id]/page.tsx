import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { IntegrationDetail } from "../_components/integration-detail";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin");
  const { id } = await params;
  void getQueryClient().prefetchQuery(trpc.integration.get.queryOptions({ id }));
  return (
    <>
      <PageHeader title="Integration" description="Status, connection tests and settings of one integration." />
      <HydrateClient>
        <IntegrationDetail id={id} />
      </HydrateClient>
    </>
  );
}
