import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { IntegrationsList } from "./_components/integrations-list";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  await requirePageRole("admin");
  void getQueryClient().prefetchQuery(trpc.integration.list.queryOptions({ includeUninstalled: false }));
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Connect Switchboard to your messaging vendors and CRMs. Secrets are encrypted and never shown again after saving."
      />
      <HydrateClient>
        <IntegrationsList />
      </HydrateClient>
    </>
  );
}
