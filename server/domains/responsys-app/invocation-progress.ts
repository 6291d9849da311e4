import type { Db } from "@/db/client";
import { setInvocationStatus } from "./invocation-queries";

/** Every row of the invocation is queued: its results are reported from now on. */
export function markInvocationQueued(db: Db, invocationId: string, now = new Date()) {
  return setInvocationStatus(db, invocationId, { status: "queued", queuedAt: now });
}

/** The invocation's background work gave up: shown with the reason. */
export function markInvocationFailed(db: Db, invocationId: string, reason: string, now = new Date()) {
  return setInvocationStatus(db, invocationId, { status: "failed", lastError: reason, failedAt: now });
}
