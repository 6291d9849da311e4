import type { Tx } from "@/db/client";
import { writeAudit } from "../../lib/audit";

/**
 * Audits a change Responsys made through the app: AMS calls, or a Responsys user on a
 * configuration page. No user of ours acts, so the actor is the vendor.
 */
export function auditAppChange(
  tx: Tx,
  workspaceId: string,
  action: string,
  target: { type: "responsys_app_install" | "responsys_app_service"; id: string },
  details: Record<string, unknown>,
) {
  return writeAudit(tx, {
    workspaceId,
    actorUserId: null,
    actorKind: "vendor",
    action: `responsys_app.${action}`,
    targetType: target.type,
    targetId: target.id,
    details,
  });
}
