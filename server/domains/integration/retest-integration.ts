import { eq } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { syncSenders } from "./queries";
import { recordVendorCall } from "./record-vendor-call";
import { findIntegration } from "./reads";
import { runConnectionTest, storedSettings, summarise } from "./settings";

/** Tests the stored settings again; a failure marks the integration in error with the reason. */
export async function retestIntegration(db: Db, actor: SessionUser, id: string) {
  const row = await findIntegration(db, actor.workspaceId, id);
  if (!row || row.uninstalledAt) throw new DomainError("NOT_FOUND", "No such integration in this workspace");
  const vendor = row.vendor;
  const result = await runConnectionTest(vendor, storedSettings(vendor, row.config, row.secrets), row.sandbox);
  const message = summarise(result);
  const now = new Date();
  const status = row.status === "disabled" ? "disabled" : result.ok ? "active" : "error";
  await db.transaction(async (tx) => {
    await tx
      .update(schema.integrations)
      .set({
        status,
        lastTestAt: now,
        lastTestOk: result.ok,
        lastTestMessage: message,
        ...(result.ok ? {} : { lastError: message, lastErrorAt: now }),
      })
      .where(eq(schema.integrations.id, row.id));
    if (result.ok) await syncSenders(tx, row.id, result.senders ?? []);
    await recordVendorCall(tx, row.id, "test_connection", result.ok, result.ok ? message : null);
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "integration.test",
      targetType: "integration",
      targetId: row.id,
      details: { ok: result.ok },
    });
  });
  return { ok: result.ok, checks: result.checks };
}
