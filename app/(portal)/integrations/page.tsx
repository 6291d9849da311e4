import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { FilterNote } from "@/app/_components/filter-note";
import { IntegrationsList } from "./_components/integrations-list";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageRole("admin");
  // ?health=problems: the dashboard's link to the integrations that need attention.
  const problemsOnly = (await searchParams).health === "problems";
  void getQueryClient().prefetchQuery(trpc.integration.list.queryOptions({ includeUninstalled: false }));
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Connect Switchboard to your messaging vendors and CRMs. Secrets are encrypted and never shown again after saving."
      />
      {problemsOnly ? (
        <FilterNote label="integrations in error, with failed calls or silent webhooks" clearHref="/integrations" />
      ) : null}
      <HydrateClient>
        <IntegrationsList problemsOnly={problemsOnly} />
      </HydrateClient>
    </>
  );
}
