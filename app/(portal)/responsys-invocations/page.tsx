import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { InvocationsTable } from "./_components/invocations-table";
import { invocationsListInput, invocationsPaging } from "./_components/invocations-query";

export const metadata: Metadata = { title: "Responsys invocations" };

export default async function InvocationsPage() {
  await requirePageRole("admin");
  void getQueryClient().prefetchInfiniteQuery(
    trpc.responsysApp.invocations.infiniteQueryOptions(invocationsListInput, invocationsPaging),
  );
  return (
    <>
      <PageHeader
        title="Responsys invocations"
        description="Every invoke of the Responsys CX app's WhatsApp services: its rows, what was sent and pushed back, and why anything failed. A failed invocation can be retried from its page."
      />
      <HydrateClient>
        <InvocationsTable />
      </HydrateClient>
    </>
  );
}
