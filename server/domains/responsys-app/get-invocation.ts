import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { occurrenceOf } from "./invocation";
import { findInvocationOutcomes, findWorkspaceInvocation } from "./invocation-queries";

/**
 * One invocation as its page shows it: status and times, rows received (the invoke's size),
 * queued, sent, failed and skipped (its messages), pushed back to Responsys, and the failures
 * by reason.
 */
export async function getInvocation(db: Db, workspaceId: string, id: string) {
  const invocation = await findWorkspaceInvocation(db, workspaceId, id);
  if (!invocation) throw new DomainError("NOT_FOUND", "No such invocation in this workspace");
  const { byStatus, reasons } = await findInvocationOutcomes(db, invocation.campaignId, occurrenceOf(invocation.uuid));
  const count = (...statuses: string[]) => statuses.reduce((n, s) => n + (byStatus[s] ?? 0), 0);
  return {
    ...invocation,
    rows: {
      received: invocation.size,
      messages: count("queued", "sent", "delivered", "read", "failed", "skipped"),
      waiting: count("queued"),
      sent: count("sent", "delivered", "read"),
      failed: count("failed"),
      skipped: count("skipped"),
      pushed: invocation.rowsPushed,
    },
    failures: reasons,
  };
}
