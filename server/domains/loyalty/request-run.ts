import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { inngest } from "../../jobs/client";
import { loyaltySmsRunRequested } from "../../jobs/events";
import { DomainError } from "../../lib/errors";
import { findRunnableProgram } from "./reads";

/** "Run now": pulls and texts new loyalty actions without waiting for the next scheduled run. */
export async function requestRun(db: Db, actor: SessionUser) {
  if (!(await findRunnableProgram(db, actor.workspaceId))) {
    throw new DomainError(
      "BAD_REQUEST",
      "Texting is off, or its Attentive integration is not active: switch the program on and save it first",
      "enabled",
    );
  }
  try {
    await inngest.send(loyaltySmsRunRequested.create({ workspaceId: actor.workspaceId }));
  } catch (error) {
    throw new DomainError(
      "BAD_REQUEST",
      `Background jobs are unreachable, so the run did not start: ${(error as Error).message}`,
    );
  }
  return { requested: true };
}
