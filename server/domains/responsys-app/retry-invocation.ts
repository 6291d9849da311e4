import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { inngest } from "../../jobs/client";
import { responsysInvocationQueued, responsysInvocationReceived } from "../../jobs/events";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { markInvocationFailed } from "./invocation-progress";
import { findWorkspaceInvocation, reopenFailedInvocation } from "./invocation-queries";

/**
 * Runs a failed invocation again from where it failed: its rows are queued again when not all
 * were (rows already messaged keep their message, so nobody is sent twice), else its results
 * are reported again (rows already pushed stay pushed). Only a failed invocation, once: a
 * second click finds it running. Audited with the reason it had failed.
 */
export async function retryInvocation(db: Db, actor: SessionUser, id: string) {
  const invocation = await findWorkspaceInvocation(db, actor.workspaceId, id);
  if (!invocation) throw new DomainError("NOT_FOUND", "No such invocation in this workspace");
  const reopened = await db.transaction(async (tx) => {
    const row = await reopenFailedInvocation(tx, actor.workspaceId, id);
    if (!row) return null;
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "responsys_app.invocation_retry",
      targetType: "responsys_app_invocation",
      targetId: id,
      details: { attempt: row.attempt, from: row.status, failedWith: invocation.lastError },
    });
    return row;
  });
  if (!reopened)
    throw new DomainError("CONFLICT", `Only a failed invocation can be retried; this one is ${invocation.status}`);
  const event = { invocationId: id, attempt: reopened.attempt };
  try {
    await inngest.send(
      reopened.status === "received"
        ? responsysInvocationReceived.create(event)
        : responsysInvocationQueued.create(event),
    );
  } catch (error) {
    // Not handed over: it is failed again, with the reason, and may be retried once more.
    await markInvocationFailed(db, id, "The retry could not be handed to the background jobs; try again");
    throw error;
  }
  return { attempt: reopened.attempt, status: reopened.status };
}
