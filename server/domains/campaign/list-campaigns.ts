import type { z } from "zod";
import type { Db } from "@/db/client";
import { decodeCursor, toPage } from "../../lib/keyset";
import { DomainError } from "../../lib/errors";
import { findCampaignsPage } from "./queries";
import type { listCampaignsInput } from "./schema";

export async function listCampaigns(db: Db, workspaceId: string, input: z.infer<typeof listCampaignsInput>) {
  const cursor = decodeCursor(input.cursor);
  if (input.cursor && !cursor)
    throw new DomainError("BAD_REQUEST", "This list position is not valid; reload the list", "cursor");
  return toPage(
    await findCampaignsPage(db, workspaceId, input.status, cursor, input.limit),
    input.limit,
    (r) => r.createdAt,
  );
}
