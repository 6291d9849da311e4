import type { Metadata } from "next";
import { getQueryClient, trpc } from "@/app/_trpc/server";
import { PageProblem } from "../_components/page-problem";
import { ServiceConfigureForm } from "./_components/service-configure-form";

export const metadata: Metadata = { title: "Service configuration" };

// Configuring the app in a Program: Responsys frames this page from a Program's Apps step
// ("Configure app"). Authorised by the session AMS's service configure call put in the URL.
export default async function ServiceConfigurePage({ searchParams }: { searchParams: Promise<{ session?: string }> }) {
  const { session = "" } = await searchParams;
  if (!session)
    return (
      <PageProblem
        title="Service configuration"
        message="Open this page from the Program’s Apps step in Responsys: its link carries the session that authorises it."
      />
    );
  const configuration = await getQueryClient()
    .fetchQuery(trpc.responsysApp.serviceConfiguration.queryOptions({ session }))
    .catch((error: Error) => error);
  if (configuration instanceof Error)
    return <PageProblem title="Service configuration" message={configuration.message} />;
  return <ServiceConfigureForm session={session} configuration={configuration} />;
}
