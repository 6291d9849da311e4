import { History } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { conversationFilters, type ConversationFilter } from "@/server/domains/conversation/schema";
import { ConversationsTable } from "./_components/conversations-table";
import { DeskWebhook } from "./_components/desk-webhook";
import { conversationsPageSize, conversationsPaging } from "./_components/labels";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const metadata: Metadata = { title: "Conversations" };

export default async function ConversationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Both roles handle conversations.
  const user = await requirePageRole();
  const raw = (await searchParams).filter;
  const filter = conversationFilters.find((f) => f === raw) ?? ("open" satisfies ConversationFilter);
  void getQueryClient().prefetchInfiniteQuery(
    trpc.conversation.list.infiniteQueryOptions({ filter, limit: conversationsPageSize }, conversationsPaging),
  );
  const desk =
    user.role === "admin" ? await getQueryClient().fetchQuery(trpc.conversation.deskWebhook.queryOptions()) : null;
  return (
    <>
      <PageHeader
        title="Conversations"
        description="Customers' messages, grouped per customer and channel, with the agent handling each, the 24-hour reply window and the time left under the campaign's service level."
        actions={
          <Link href="/conversations/syncs" className={buttonClasses("secondary")}>
            <History aria-hidden className="size-4" /> Case sync history
          </Link>
        }
      />
      <HydrateClient>
        <ConversationsTable initial={filter} />
      </HydrateClient>
      {desk ? <DeskWebhook url={desk.url} setAt={desk.setAt} /> : null}
    </>
  );
}
