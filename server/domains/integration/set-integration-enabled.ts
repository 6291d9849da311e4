import { eq } from "drizzle-orm";
import type { z } from "zod";
import { schema, type Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findIntegration } from "./reads";
import type { setIntegrationEnabledInput } from "./schema";

/** A disabled integration keeps its settings and history; campaigns cannot send through it. */
export async function setIntegrationEnabled(
  db: Db,
  actor: SessionUser,
  input: z.infer<typeof setIntegrationEnabledInput>,
) {
  return db.transaction(async (tx) => {
    const row = await findIntegration(tx, actor.workspaceId, input.id);
    if (!row || row.uninstalledAt) throw new DomainError("NOT_FOUND", "No such integration in this workspace");
    const status = input.data.enabled ? (row.lastTestOk === false ? "error" : "active") : "disabled";
    await tx
      .update(schema.integrations)
      .set({ status, updatedAt: new Date() })
      .where(eq(schema.integrations.id, row.id));
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: input.data.enabled ? "integration.enable" : "integration.disable",
      targetType: "integration",
      targetId: row.id,
    });
    return { id: row.id, status };
  });
}
