import type { Tx } from "@/db/client";
import { schema } from "@/db/client";

export type AuditEntry = {
  workspaceId: string;
  actorUserId: string | null;
  actorKind?: "user" | "system" | "vendor";
  action: string;
  targetType: string;
  targetId?: string | null;
  // Field names and non-secret values only: secrets are never written here.
  details?: Record<string, unknown>;
};

/** Written inside the caller's transaction, so a change and its audit row land together. */
export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(schema.auditLog).values({
    workspaceId: entry.workspaceId,
    actorUserId: entry.actorUserId,
    actorKind: entry.actorKind ?? "user",
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    details: JSON.stringify(entry.details ?? {}),
  });
}
