import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { conversationIdInput } from "@/server/domains/conversation/schema";
import { ConversationDetail } from "../_components/conversation-detail";
import { buttonClasses } from "@/app/_components/ui/button";

export const metadata: Metadata = { title: "Conversation" };

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole();
  const parsed = conversationIdInput.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  void getQueryClient().prefetchQuery(trpc.conversation.get.queryOptions({ id }));
  return (
    <>
      <PageHeader
        title="Conversation"
        description="The thread with the customer, the 24-hour reply window, and the Salesforce case it becomes when closed."
        actions={
          <Link href="/conversations" className={buttonClasses("secondary")}>
            Back to conversations
          </Link>
        }
      />
      <HydrateClient>
        <ConversationDetail id={id} />
      </HydrateClient>
    </>
  );
}
