import type { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { decodeCursor, toPage } from "../../lib/keyset";
import type { syncHistoryInput } from "../conversation/schema";
import { findCaseSyncsPage } from "./queries";

/** The sync history: every closed conversation's case sync, most recently changed first. */
export async function listCaseSyncs(db: Db, workspaceId: string, input: z.infer<typeof syncHistoryInput>) {
  const after = decodeCursor(input.cursor);
  if (input.cursor && !after)
    throw new DomainError("BAD_REQUEST", "This list position is not valid any more; reload the list", "cursor");
  const rows = await findCaseSyncsPage(db, workspaceId, { status: input.status, after, limit: input.limit });
  return toPage(rows, input.limit, (r) => r.updatedAt);
}
