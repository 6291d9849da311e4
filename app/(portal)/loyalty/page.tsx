import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { ActionsTable } from "./_components/actions-table";
import { actionsListInput, actionsPaging } from "./_components/loyalty-query";
import { ProgramForm } from "./_components/program-form";

export const metadata: Metadata = { title: "Loyalty SMS" };

export default async function LoyaltyPage() {
  // Both roles: marketers write the program's texts; admins oversee them.
  await requirePageRole();
  const queryClient = getQueryClient();
  void queryClient.prefetchQuery(trpc.loyalty.program.queryOptions());
  void queryClient.prefetchInfiniteQuery(trpc.loyalty.actions.infiniteQueryOptions(actionsListInput, actionsPaging));
  return (
    <>
      <PageHeader
        title="Loyalty SMS"
        description="Texts for Annex Cloud loyalty actions, sent through Attentive. Every 5 minutes the actions of contacts opted in to SMS (found in Annex Cloud by email) are read, checked against consent and Attentive's eligibility, and texted once. A contact's Attentive subscription follows their SMS opt-in and opt-out."
      />
      <HydrateClient>
        <div className="space-y-8">
          <ProgramForm />
          <ActionsTable />
        </div>
      </HydrateClient>
    </>
  );
}
