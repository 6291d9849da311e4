import type { z } from "zod";
import type { Db } from "@/db/client";
import { decodeCursor, toPage } from "../../lib/keyset";
import { auditActionLabels, auditTargetLabels } from "./actions";
import { findAuditPage, findWorkspaceActors } from "./queries";
import type { listAuditInput } from "./schema";

export async function listAudit(db: Db, workspaceId: string, input: z.infer<typeof listAuditInput>) {
  const rows = await findAuditPage(db, workspaceId, input.filter, decodeCursor(input.cursor), input.limit);
  return toPage(rows, input.limit, (r) => r.at);
}

/** What the filters offer: the workspace's people, and the actions and object types known. */
export async function auditFilterOptions(db: Db, workspaceId: string) {
  return {
    actors: await findWorkspaceActors(db, workspaceId),
    actions: Object.entries(auditActionLabels).map(([value, label]) => ({ value, label })),
    targetTypes: Object.entries(auditTargetLabels).map(([value, label]) => ({ value, label })),
  };
}
