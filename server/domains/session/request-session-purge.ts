import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { inngest } from "../../jobs/client";
import { sessionsPurgeRequested } from "../../jobs/events";

/** Asks the background worker to delete ended sessions now instead of at the next hourly run. */
export async function requestSessionPurge(db: Db, actor: SessionUser) {
  try {
    await inngest.send(sessionsPurgeRequested.create({ requestedBy: actor.userId }));
  } catch (error) {
    throw new DomainError(
      "BAD_REQUEST",
      `Background jobs are unreachable, so nothing was requested: ${(error as Error).message}`,
    );
  }
  await db.transaction((tx) =>
    writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "sessions.purge_requested",
      targetType: "sessions",
    }),
  );
  return { requested: true };
}
