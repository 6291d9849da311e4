import type { z } from "zod";
import type { Db } from "@/db/client";
import { auditAppChange } from "./audit";
import { upsertInstall, type AppIntegration } from "./queries";
import type { installBody } from "./schema";

/** AMS installed the app in a Responsys account; installing again (same id) reinstates it. */
export async function installApp(db: Db, app: AppIntegration, body: z.infer<typeof installBody>) {
  return db.transaction(async (tx) => {
    const location = body.location ?? null;
    const row = await upsertInstall(tx, {
      workspaceId: app.workspaceId,
      appIntegrationId: app.id,
      installId: body.installId,
      tenantId: body.tenantId ?? null,
      location,
    });
    await auditAppChange(
      tx,
      app.workspaceId,
      "install",
      { type: "responsys_app_install", id: row.id },
      { installId: body.installId, tenantId: body.tenantId ?? null, location },
    );
    return { status: "INSTALLED" as const };
  });
}
