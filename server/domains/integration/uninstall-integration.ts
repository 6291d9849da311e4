import { eq } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findIntegration } from "./reads";

/**
 * Uninstalling stops all use and forgets the credentials, but keeps the integration's
 * messages, senders and history, which other records point at.
 */
export async function uninstallIntegration(db: Db, actor: SessionUser, id: string) {
  return db.transaction(async (tx) => {
    const row = await findIntegration(tx, actor.workspaceId, id);
    if (!row || row.uninstalledAt) throw new DomainError("NOT_FOUND", "No such integration in this workspace");
    await tx
      .update(schema.integrations)
      .set({ status: "disabled", uninstalledAt: new Date(), secrets: null, webhookToken: null, updatedAt: new Date() })
      .where(eq(schema.integrations.id, row.id));
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "integration.uninstall",
      targetType: "integration",
      targetId: row.id,
      details: { label: row.label },
    });
    return { id: row.id };
  });
}
