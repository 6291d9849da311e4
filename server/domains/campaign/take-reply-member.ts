import type { Tx } from "@/db/client";
import { findActiveMembers, takeReplyTurn } from "./queries";

/**
 * The member agent a new reply to the campaign goes to: round-robin over its enabled members
 * in a fixed order, one turn per reply, so assignments are even and predictable (seed 002's
 * Members tab). Null when the campaign has no enabled member. Call it inside the transaction
 * that assigns the conversation: the turn's row lock holds until that commits.
 */
export async function takeReplyMember(tx: Tx, campaignId: string) {
  const members = await findActiveMembers(tx, campaignId);
  if (members.length === 0) return null;
  const turn = await takeReplyTurn(tx, campaignId);
  return members[turn % members.length] ?? null;
}
