import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { Dashboard } from "./_components/dashboard";
import { firstPeriod } from "./_components/dashboard-query";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  // Both roles; the integrations card is the admins' (dashboard.integrationProblems checks it too).
  const user = await requirePageRole();
  const queryClient = getQueryClient();
  void queryClient.prefetchQuery(trpc.dashboard.overview.queryOptions({ days: firstPeriod }));
  void queryClient.prefetchQuery(trpc.workspace.summary.queryOptions());
  if (user.role === "admin") void queryClient.prefetchQuery(trpc.dashboard.integrationProblems.queryOptions());
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Welcome back, ${user.name}. What is sending now, who is waiting for an answer, and how the last days went.`}
      />
      <HydrateClient>
        <Dashboard isAdmin={user.role === "admin"} />
      </HydrateClient>
    </>
  );
}
