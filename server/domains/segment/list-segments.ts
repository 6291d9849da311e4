import type { z } from "zod";
import type { Db } from "@/db/client";
import { decodeCursor, toPage } from "../../lib/keyset";
import { findSegmentsPage } from "./queries";
import type { listSegmentsInput } from "./schema";

/** The workspace's saved segments, most recently changed first, with their last counts. */
export async function listSegments(db: Db, workspaceId: string, input: z.infer<typeof listSegmentsInput>) {
  const rows = await findSegmentsPage(db, workspaceId, decodeCursor(input.cursor), input.limit);
  return toPage(rows, input.limit, (r) => r.updatedAt);
}
