import type { z } from "zod";
import type { Db } from "@/db/client";
import { decodeCursor, toPage } from "../../lib/keyset";
import { findInvocationsPage } from "./invocation-queries";
import type { listInvocationsInput } from "./schema";

/** Every invocation of the workspace's Responsys CX app services, newest first. */
export async function listInvocations(db: Db, workspaceId: string, input: z.infer<typeof listInvocationsInput>) {
  const rows = await findInvocationsPage(
    db,
    workspaceId,
    input.status ?? null,
    decodeCursor(input.cursor),
    input.limit,
  );
  return toPage(rows, input.limit, (r) => r.receivedAt);
}
