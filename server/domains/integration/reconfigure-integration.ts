import { eq } from "drizzle-orm";
import type { z } from "zod";
import { schema, type Db } from "@/db/client";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import type { IntegrationActor } from "./connect-integration";
import { syncSenders } from "./queries";
import { recordVendorCall } from "./record-vendor-call";
import { findIntegration } from "./reads";
import { registerSandboxWebhooks } from "./register-sandbox-webhooks";
import type { reconfigureIntegrationInput } from "./schema";
import { parseSettings, runConnectionTest, splitSettings, summarise, withStoredSecrets } from "./settings";

/** New settings take effect only when the vendor accepts them; otherwise nothing changes. */
export async function reconfigureIntegration(
  db: Db,
  actor: IntegrationActor,
  input: z.infer<typeof reconfigureIntegrationInput>,
) {
  const row = await findIntegration(db, actor.workspaceId, input.id);
  if (!row) throw new DomainError("NOT_FOUND", "No such integration in this workspace");
  if (row.uninstalledAt)
    throw new DomainError("BAD_REQUEST", "This integration was uninstalled; set up a new one instead");
  const vendor = row.vendor;
  const settings = parseSettings(vendor, withStoredSecrets(vendor, input.data.settings, row.secrets));
  const result = await runConnectionTest(vendor, settings, row.sandbox);
  if (!result.ok) return { ok: false as const, checks: result.checks };
  const { config, secrets } = splitSettings(vendor, settings);
  const changedSecrets = Object.entries(input.data.settings)
    .filter(([k, v]) => v !== "" && v !== undefined && !(k in config))
    .map(([k]) => k);
  const changedFields = Object.keys(config).filter((k) => JSON.stringify(config[k]) !== JSON.stringify(row.config[k]));
  await db.transaction(async (tx) => {
    await tx
      .update(schema.integrations)
      .set({
        label: input.data.label,
        description: input.data.description,
        config: { ...config, ...result.learned },
        secrets,
        status: row.status === "disabled" ? "disabled" : "active",
        lastTestAt: new Date(),
        lastTestOk: true,
        lastTestMessage: summarise(result),
        updatedAt: new Date(),
      })
      .where(eq(schema.integrations.id, row.id));
    await syncSenders(tx, row.id, result.senders ?? []);
    await recordVendorCall(tx, row.id, "test_connection", true, null);
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      actorKind: actor.userId ? "user" : "vendor",
      action: "integration.reconfigure",
      targetType: "integration",
      targetId: row.id,
      // Names of what changed, never values of secrets.
      details: { fields: changedFields, secretsReplaced: changedSecrets, label: input.data.label },
    });
  });
  // A test-mode Responsys CX app's new id or secret must reach the simulator (see connect).
  if (row.sandbox)
    await registerSandboxWebhooks(db, actor.workspaceId, row.id).catch((error: unknown) =>
      console.warn("sandbox registration not updated:", error),
    );
  return { ok: true as const, checks: result.checks };
}
