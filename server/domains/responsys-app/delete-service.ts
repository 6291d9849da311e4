import type { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { updateCampaignRow } from "../campaign/update-campaign-row";
import { auditAppChange } from "./audit";
import { findService, updateService, type AppIntegration } from "./queries";
import type { serviceIdBody } from "./schema";

/**
 * The Apps step was removed. The instance is marked deleted and its campaign completed (no
 * invoke reaches it any more); messages and history stay. Deleting twice changes nothing more.
 */
export async function deleteService(db: Db, app: AppIntegration, body: z.infer<typeof serviceIdBody>) {
  return db.transaction(async (tx) => {
    const service = await findService(tx, app.id, body.instanceUuid);
    if (!service)
      throw new DomainError("NOT_FOUND", `No service instance ${body.instanceUuid} of this app`, "instanceUuid");
    if (service.status !== "deleted") {
      await updateService(tx, service.id, { status: "deleted" });
      if (service.campaignId) await updateCampaignRow(tx, service.campaignId, { status: "completed" });
      await auditAppChange(
        tx,
        app.workspaceId,
        "service_delete",
        { type: "responsys_app_service", id: service.id },
        { instanceUuid: body.instanceUuid, installId: service.installId, campaignId: service.campaignId },
      );
    }
    return { status: "DELETED" as const };
  });
}
