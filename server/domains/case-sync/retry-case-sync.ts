import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { inngest } from "../../jobs/client";
import { caseSyncRetryRequested } from "../../jobs/events";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findConversationState, updateSync } from "./queries";
import { queueCaseSync } from "./queue-case-sync";
import { findCaseIntegrationId, findCaseSync } from "./reads";

const STUCK_AFTER_MS = 10 * 60_000;

/**
 * Runs a closed conversation's case sync again: after a failure, or when a pending one was never
 * picked up (the close event was lost). It resumes where the last run stopped. A conversation
 * closed before Salesforce was connected gets its first sync this way.
 */
export async function retryCaseSync(db: Db, actor: SessionUser, conversationId: string) {
  const attempt = await db.transaction(async (tx) => {
    const conversation = await findConversationState(tx, actor.workspaceId, conversationId);
    if (!conversation) throw new DomainError("NOT_FOUND", "No such conversation in this workspace");
    if (conversation.state !== "closed")
      throw new DomainError("BAD_REQUEST", "Only a closed conversation has a Salesforce case: close it first");
    let sync = await findCaseSync(tx, conversationId);
    if (!sync) {
      const integrationId = await findCaseIntegrationId(tx, actor.workspaceId);
      if (!integrationId)
        throw new DomainError(
          "BAD_REQUEST",
          "No enabled Salesforce integration: connect Salesforce in Integrations, or enable it",
        );
      await queueCaseSync(tx, conversationId, integrationId);
      sync = await findCaseSync(tx, conversationId);
    }
    if (!sync) throw new Error("case sync row vanished");
    if (sync.status === "synced")
      throw new DomainError(
        "CONFLICT",
        `The case is already in Salesforce (${sync.caseNumber ?? "no number"}): there is nothing to retry`,
      );
    // A run that died (a deploy, a crash) leaves "running" behind: after a while it may be retried.
    if (sync.status === "running" && Date.now() - sync.updatedAt.getTime() < STUCK_AFTER_MS) {
      throw new DomainError("CONFLICT", "The case is being sent to Salesforce right now: wait for it to finish");
    }
    await updateSync(tx, sync.id, { status: "pending" });
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "case_sync.retry",
      targetType: "conversation",
      targetId: conversationId,
      details: { attempts: sync.attempts.length },
    });
    return sync.attempts.length;
  });
  // One event per attempt number: a double click sends the same id, which Inngest drops.
  await inngest.send(
    caseSyncRetryRequested.create(
      { conversationId, requestedBy: actor.userId },
      { id: `case-sync-retry-${conversationId}-${attempt}` },
    ),
  );
  return { conversationId, status: "pending" as const };
}
