import type { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { connectIntegration } from "../integration/connect-integration";
import { reconfigureIntegration } from "../integration/reconfigure-integration";
import { syncTemplates, systemActor } from "../template/sync-templates";
import { auditAppChange } from "./audit";
import { requireActiveInstall, requireSession } from "./lookups";
import { findAppIntegration, findMittoAccount, updateInstall } from "./queries";
import type { configureAppInput } from "./schema";

export const MITTO_LABEL = "Mitto WhatsApp (Responsys app)";

/**
 * The app configuration page's Save: the Mitto account is tested and stored as a
 * Mitto integration of the workspace (in test mode when the app is), or the installation's
 * existing one is updated, and the installation is marked configured. A refused account
 * changes nothing and returns Mitto's reason. The templates are synced at once, so the
 * service configuration page can offer them.
 */
export async function configureApp(
  db: Db,
  input: z.infer<typeof configureAppInput>,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const session = requireSession(input.session, "app");
  const app = await findAppIntegration(db, session.appIntegrationId);
  if (!app || app.uninstalledAt) throw new DomainError("NOT_FOUND", "This app is no longer available in Switchboard");
  const install = await requireActiveInstall(db, app.id, session.ref);
  const actor = { workspaceId: app.workspaceId, userId: null };
  const settings = {
    acceptTerms: true,
    username: input.username,
    authMethod: "password",
    password: input.password,
  };

  const existing = install.mittoIntegrationId ? await findMittoAccount(db, install.mittoIntegrationId) : null;
  const reuse = existing && !existing.uninstalledAt ? existing : null;
  if (!reuse && !input.password) throw new DomainError("BAD_REQUEST", "Enter your Mitto password", "password");
  const saved = reuse
    ? await reconfigureIntegration(db, actor, { id: reuse.id, data: { label: reuse.label, settings } }).then((r) => ({
        ...r,
        id: reuse.id,
      }))
    : await connectIntegration(db, actor, {
        vendor: "mitto",
        label: MITTO_LABEL,
        description: `Configured from Responsys installation ${install.installId}`,
        sandbox: app.sandbox,
        settings,
      });
  if (!saved.ok || !saved.id)
    return {
      ok: false,
      error:
        saved.checks
          .filter((c) => !c.ok)
          .map((c) => c.message)
          .join(" ") || "Mitto refused the account",
    };

  const mittoIntegrationId = saved.id;
  await db.transaction(async (tx) => {
    await updateInstall(tx, install.id, { mittoIntegrationId, status: "configured" });
    await auditAppChange(
      tx,
      app.workspaceId,
      "configure",
      { type: "responsys_app_install", id: install.id },
      { installId: install.installId, mittoIntegrationId, reused: Boolean(reuse) },
    );
  });
  // The account is saved either way; a failed sync is retried by the scheduled one.
  await syncTemplates(db, systemActor, mittoIntegrationId).catch((error: unknown) =>
    console.warn("templates not synced after the Responsys app configuration:", error),
  );
  return { ok: true };
}
