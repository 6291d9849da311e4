import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { titleFrom } from "@/app/_components/page-title";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { conversationIdInput } from "@/server/domains/conversation/schema";
import { ConversationDetail, ConversationTitle } from "../_components/conversation-detail";
import { customerName } from "../_components/labels";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const generateMetadata = ({ params }: { params: Promise<{ id: string }> }) =>
  titleFrom("Conversation", async () => {
    const { id } = conversationIdInput.parse(await params);
    return `Conversation with ${customerName(await getQueryClient().fetchQuery(trpc.conversation.get.queryOptions({ id })))}`;
  });

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole();
  const parsed = conversationIdInput.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  void getQueryClient().prefetchQuery(trpc.conversation.get.queryOptions({ id }));
  return (
    <>
      <PageHeader
        title={<ConversationTitle id={id} />}
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
