import type { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { decodeCursor, toPage } from "../../lib/keyset";
import { findActionsPage } from "./queries";
import type { listActionsInput } from "./schema";

/** Recent loyalty actions and the outcome of each one's text, newest first. */
export async function listActions(db: Db, workspaceId: string, input: z.infer<typeof listActionsInput>) {
  const cursor = decodeCursor(input.cursor);
  if (input.cursor && !cursor)
    throw new DomainError("BAD_REQUEST", "This list position is not valid; reload the list", "cursor");
  return toPage(await findActionsPage(db, workspaceId, cursor, input.limit), input.limit, (r) => r.occurredAt);
}
