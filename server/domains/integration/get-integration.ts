import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { healthOf } from "./health";
import { findSenders } from "./queries";
import { findIntegration } from "./reads";
import { toIntegrationView } from "./view";

export async function getIntegration(db: Db, workspaceId: string, id: string) {
  const row = await findIntegration(db, workspaceId, id);
  if (!row) throw new DomainError("NOT_FOUND", "No such integration in this workspace");
  const [senders, health] = await Promise.all([findSenders(db, row.id), healthOf(db, [row])]);
  return { ...toIntegrationView(row), senders, health: health.get(row.id) ?? null };
}
