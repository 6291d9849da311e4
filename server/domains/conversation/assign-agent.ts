import type { Tx } from "@/db/client";
import { assignAgentIfNone, findAnsweredCampaign, findLeastBusyMember } from "./queries";

/**
 * A reply to a WhatsApp campaign lands with that campaign's member agents. A
 * conversation with no agent yet, opened by a contact the campaign messaged, is linked to the
 * campaign (whose service level then applies) and given the member with the fewest open
 * conversations. Conversations already assigned, or not answering a campaign, are left alone.
 */
export async function assignCampaignAgent(
  tx: Tx,
  conversation: { id: string; contactId: string; integrationId: string },
) {
  const campaignId = await findAnsweredCampaign(tx, conversation.contactId, conversation.integrationId);
  if (!campaignId) return null;
  const member = await findLeastBusyMember(tx, campaignId);
  await assignAgentIfNone(tx, conversation.id, {
    campaignId,
    agentUserId: member?.userId ?? null,
    agentEmail: member?.email ?? null,
  });
  return member;
}
