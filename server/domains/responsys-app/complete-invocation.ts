import type { Db } from "@/db/client";
import { findInvocation, setInvocationStatus } from "./invocation-queries";
import { clientFor } from "./invocation";

/**
 * Every row's result was pushed: tells Responsys the invocation is done ({ "status": "COMPLETED" },
 * §4 of docs/vendors/responsys.md [obs]) and marks it completed, once; the Program moves on
 * after it.
 */
export async function completeInvocation(db: Db, invocationId: string, now = new Date()) {
  const invocation = await findInvocation(db, invocationId);
  if (invocation.status === "completed") return { completed: false };
  if (invocation.completionEndpoint) await clientFor(invocation).complete(invocation.completionEndpoint);
  await setInvocationStatus(db, invocationId, { status: "completed", completedAt: now });
  return { completed: true };
}
