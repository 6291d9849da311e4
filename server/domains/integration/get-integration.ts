import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { findSenders } from "./queries";
import { findIntegration } from "./reads";
import { toIntegrationView } from "./view";

export async function getIntegration(db: Db, workspaceId: string, id: string) {
  const row = await findIntegration(db, workspaceId, id);
  if (!row) throw new DomainError("NOT_FOUND", "No such integration in this workspace");
  return { ...toIntegrationView(row), senders: await findSenders(db, row.id) };
}
