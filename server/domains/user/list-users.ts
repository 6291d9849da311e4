import type { z } from "zod";
import type { Db } from "@/db/client";
import { decodeCursor, toPage } from "../../lib/keyset";
import { findUsersPage } from "./queries";
import type { listUsersInput } from "./schema";

export async function listUsers(db: Db, workspaceId: string, input: z.infer<typeof listUsersInput>) {
  const rows = await findUsersPage(db, workspaceId, decodeCursor(input.cursor), input.limit);
  return toPage(rows, input.limit, (r) => r.createdAt);
}
