import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { SyncHistory } from "../_components/sync-history";
import { conversationsPaging } from "../_components/labels";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const metadata: Metadata = { title: "Case sync history" };

export default async function SyncHistoryPage() {
  await requirePageRole();
  void getQueryClient().prefetchInfiniteQuery(
    trpc.conversation.syncHistory.infiniteQueryOptions({ limit: 50 }, conversationsPaging),
  );
  return (
    <>
      <PageHeader
        title="Case sync history"
        description="Every closed conversation's Salesforce case: created with its number, waiting, or failed with Salesforce's reason in plain words. Retry a failed one from its conversation."
        actions={
          <Link href="/conversations" className={buttonClasses("secondary")}>
            Back to conversations
          </Link>
        }
      />
      <HydrateClient>
        <SyncHistory />
      </HydrateClient>
    </>
  );
}
