import type { z } from "zod";
import type { Db } from "@/db/client";
import { auditAppChange } from "./audit";
import { findService, upsertService, type AppIntegration } from "./queries";
import type { serviceCreateBody } from "./schema";

/**
 * A Program's Apps step got the app's service. A repeated create of a live instance changes
 * nothing (AMS may retry); a deleted instance of the same id starts again unconfigured.
 */
export async function createService(db: Db, app: AppIntegration, body: z.infer<typeof serviceCreateBody>) {
  return db.transaction(async (tx) => {
    const existing = await findService(tx, app.id, body.instanceUuid);
    if (existing && existing.status !== "deleted") return { status: "CREATED" as const };
    const programName = body.programName ?? null;
    const row = await upsertService(
      tx,
      { workspaceId: app.workspaceId, appIntegrationId: app.id, instanceUuid: body.instanceUuid },
      {
        installId: body.installId,
        programName,
        listFields: [],
        campaignId: null,
        recordDefinition: null,
        status: "created",
      },
    );
    await auditAppChange(
      tx,
      app.workspaceId,
      "service_create",
      { type: "responsys_app_service", id: row.id },
      { instanceUuid: body.instanceUuid, installId: body.installId, programName },
    );
    return { status: "CREATED" as const };
  });
}
