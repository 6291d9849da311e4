import type { Metadata } from "next";
import { getQueryClient, trpc } from "@/app/_trpc/server";
import { PageProblem } from "../_components/page-problem";
import { AppConfigureForm } from "./_components/app-configure-form";

export const metadata: Metadata = { title: "App configuration" };

// App installation and configuration: after installing, Responsys frames this page to
// collect the Mitto account the app sends through. Authorised by the session AMS's configure
// call put in the URL; nobody signs in.
export default async function AppConfigurePage({ searchParams }: { searchParams: Promise<{ session?: string }> }) {
  const { session = "" } = await searchParams;
  if (!session)
    return (
      <PageProblem
        title="App configuration"
        message="Open this page from Responsys App Management: its link carries the session that authorises it."
      />
    );
  const configuration = await getQueryClient()
    .fetchQuery(trpc.responsysApp.configuration.queryOptions({ session }))
    .catch((error: Error) => error);
  if (configuration instanceof Error) return <PageProblem title="App configuration" message={configuration.message} />;
  return <AppConfigureForm session={session} configuration={configuration} />;
}
