import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { inngest } from "../../jobs/client";
import { conversationClosed } from "../../jobs/events";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { queueCaseSync } from "../case-sync/queue-case-sync";
import { findCaseIntegrationId } from "../case-sync/reads";
import { findConversationForUpdate, findWorkspaceUserByEmail, updateConversation } from "./queries";

/** Who closes: a signed-in user in the portal, or an external agent desk through the webhook. */
export type Closer =
  { kind: "user"; user: SessionUser } | { kind: "desk"; workspaceId: string; agentEmail: string | null };

export type CloseResult = { id: string; closed: boolean; caseSync: "pending" | "none" };

/** Sends the event the case sync listens to; the event id makes a repeated send a no-op. */
export async function emitConversationClosed(conversationId: string) {
  await inngest.send(conversationClosed.create({ conversationId }, { id: `conversation-closed-${conversationId}` }));
}

/**
 * Closes a conversation with an optional profile (outcome), and, when the workspace has an
 * enabled Salesforce integration, queues its case. The agent is kept; a conversation
 * nobody was assigned to gets the person (or the desk's agent) who closed it, since that is who
 * handled it and whom the case should belong to. Closing a closed conversation changes nothing.
 */
export async function closeConversation(
  db: Db,
  closer: Closer,
  input: { id: string; profile?: string },
): Promise<CloseResult> {
  const workspaceId = closer.kind === "user" ? closer.user.workspaceId : closer.workspaceId;
  const result = await db.transaction(async (tx) => {
    const conversation = await findConversationForUpdate(tx, workspaceId, input.id);
    if (!conversation) throw new DomainError("NOT_FOUND", "No such conversation in this workspace");
    if (conversation.state === "closed") return { id: conversation.id, closed: false, caseSync: "none" as const };

    let agent = { agentUserId: conversation.agentUserId, agentEmail: conversation.agentEmail };
    if (closer.kind === "user" && !agent.agentEmail)
      agent = { agentUserId: closer.user.userId, agentEmail: closer.user.email };
    if (closer.kind === "desk" && closer.agentEmail) {
      // The desk names the agent who handled it; a portal user with that email is linked too.
      const user = await findWorkspaceUserByEmail(tx, workspaceId, closer.agentEmail);
      agent = { agentUserId: user?.id ?? null, agentEmail: closer.agentEmail };
    }
    const closedBy =
      closer.kind === "user" ? closer.user.email : `desk${closer.agentEmail ? `:${closer.agentEmail}` : ""}`;
    await updateConversation(tx, conversation.id, {
      state: "closed",
      closedAt: new Date(),
      closedBy,
      closeProfile: input.profile ?? null,
      awaitingReplySince: null,
      ...agent,
    });

    const integrationId = await findCaseIntegrationId(tx, workspaceId);
    if (integrationId) await queueCaseSync(tx, conversation.id, integrationId);
    await writeAudit(tx, {
      workspaceId,
      actorUserId: closer.kind === "user" ? closer.user.userId : null,
      actorKind: closer.kind === "user" ? "user" : "vendor",
      action: "conversation.close",
      targetType: "conversation",
      targetId: conversation.id,
      details: {
        profile: input.profile ?? null,
        agentEmail: agent.agentEmail,
        via: closer.kind === "user" ? "portal" : "desk",
        caseSync: Boolean(integrationId),
      },
    });
    return { id: conversation.id, closed: true, caseSync: integrationId ? ("pending" as const) : ("none" as const) };
  });
  if (!result.closed || result.caseSync === "none") return result;
  // After the commit, so the sync never reads a conversation that was rolled back. The close
  // stands if the event cannot be sent: the sync shows as pending, and Retry sends it again.
  try {
    await emitConversationClosed(result.id);
  } catch (error) {
    console.error(`conversation ${result.id} was closed, but its case sync could not be queued:`, error);
  }
  return result;
}
