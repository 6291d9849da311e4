import type { Tx } from "@/db/client";
import { takeReplyMember } from "../campaign/take-reply-member";
import { assignAgentIfNone, findAnsweredCampaign, findConversationAssignment } from "./queries";

/**
 * A reply to a campaign lands with that campaign's member agents. A conversation with no
 * campaign and no agent yet, from a number the campaign messaged last, is linked to the campaign
 * (whose service level then applies) and given its next member in turn (round-robin). Conversations
 * already linked or assigned take no turn, so each conversation counts once.
 */
export async function assignCampaignAgent(tx: Tx, conversation: { id: string; integrationId: string; from: string }) {
  const current = await findConversationAssignment(tx, conversation.id);
  if (!current || current.campaignId || current.agentUserId) return null;
  const campaignId = await findAnsweredCampaign(tx, conversation.integrationId, conversation.from);
  if (!campaignId) return null;
  const member = await takeReplyMember(tx, campaignId);
  await assignAgentIfNone(tx, conversation.id, {
    campaignId,
    agentUserId: member?.userId ?? null,
    agentEmail: member?.email ?? null,
  });
  return member;
}
