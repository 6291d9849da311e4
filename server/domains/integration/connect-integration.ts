import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { schema, type Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { syncSenders } from "./queries";
import { recordVendorCall } from "./record-vendor-call";
import { registerSandboxWebhooks } from "./register-sandbox-webhooks";
import type { connectIntegrationInput } from "./schema";
import { parseSettings, runConnectionTest, splitSettings, summarise } from "./settings";

/**
 * Who connects: a signed-in admin, or (userId null) a Responsys user on the CX app's
 * configuration page, which a signed session from AMS authorises instead of a login.
 */
export type IntegrationActor = Pick<SessionUser, "workspaceId"> & { userId: string | null };

/**
 * The wizard's last step: test the connection with the vendor and, only if every check
 * passes, save the integration. A failed test saves nothing and returns the checks.
 */
export async function connectIntegration(
  db: Db,
  actor: IntegrationActor,
  input: z.infer<typeof connectIntegrationInput>,
) {
  const settings = parseSettings(input.vendor, input.settings);
  const result = await runConnectionTest(input.vendor, settings, input.sandbox);
  if (!result.ok) return { ok: false as const, checks: result.checks, id: null };
  const { config, secrets } = splitSettings(input.vendor, settings);
  const saved = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.integrations)
      .values({
        workspaceId: actor.workspaceId,
        vendor: input.vendor,
        label: input.label,
        description: input.description,
        sandbox: input.sandbox,
        config: { ...config, ...result.learned },
        secrets,
        status: "active",
        lastTestAt: new Date(),
        lastTestOk: true,
        lastTestMessage: summarise(result),
        webhookToken: randomBytes(24).toString("base64url"),
      })
      .returning({ id: schema.integrations.id });
    if (!row) throw new Error("insert returned no row");
    await syncSenders(tx, row.id, result.senders ?? []);
    await recordVendorCall(tx, row.id, "test_connection", true, null);
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      actorKind: actor.userId ? "user" : "vendor",
      action: "integration.create",
      targetType: "integration",
      targetId: row.id,
      details: {
        vendor: input.vendor,
        label: input.label,
        sandbox: input.sandbox,
        fields: Object.keys(input.settings).sort(),
      },
    });
    return { ok: true as const, checks: result.checks, id: row.id };
  });
  // Saved either way: a sandbox that is down only delays callbacks until the next start.
  if (input.sandbox)
    await registerSandboxWebhooks(db, actor.workspaceId, saved.id).catch((error: unknown) =>
      console.warn("sandbox webhooks not registered:", error),
    );
  return saved;
}
