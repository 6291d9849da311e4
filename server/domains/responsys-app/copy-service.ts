import type { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { insertCampaign } from "../campaign/insert-campaign";
import { findCampaignById } from "../campaign/reads";
import { auditAppChange } from "./audit";
import { requireLiveService } from "./lookups";
import { findService, upsertService, type AppIntegration } from "./queries";
import type { serviceCopyBody } from "./schema";
import { serviceCampaignName } from "./service-campaign";

/**
 * A Program was copied with its Apps step: the new instance gets the source's configuration,
 * with a campaign of its own, so each Program's messages and statuses are counted apart.
 */
export async function copyService(db: Db, app: AppIntegration, body: z.infer<typeof serviceCopyBody>) {
  return db.transaction(async (tx) => {
    const source = await requireLiveService(tx, app.id, body.sourceInstanceUuid, "sourceInstanceUuid");
    const existing = await findService(tx, app.id, body.instanceUuid);
    if (existing && existing.status !== "deleted")
      throw new DomainError("CONFLICT", `Service instance ${body.instanceUuid} already exists`, "instanceUuid");
    const programName = body.programName ?? source.programName;
    const campaign = source.campaignId ? await findCampaignById(tx, source.campaignId) : null;
    const copy = campaign
      ? await insertCampaign(tx, {
          workspaceId: app.workspaceId,
          name: serviceCampaignName({ programName, instanceUuid: body.instanceUuid }),
          channel: campaign.channel,
          trigger: "responsys_app",
          status: "active",
          integrationId: campaign.integrationId,
          senderId: campaign.senderId,
          templateId: campaign.templateId,
          optInField: campaign.optInField,
          placeholderMappings: campaign.placeholderMappings,
          statusField: campaign.statusField,
          statusTimeoutMinutes: campaign.statusTimeoutMinutes,
          launchedAt: new Date(),
        })
      : null;
    const status = copy ? source.status : "created";
    const row = await upsertService(
      tx,
      { workspaceId: app.workspaceId, appIntegrationId: app.id, instanceUuid: body.instanceUuid },
      {
        installId: source.installId,
        programName,
        listFields: source.listFields,
        campaignId: copy?.id ?? null,
        recordDefinition: copy ? source.recordDefinition : null,
        status,
      },
    );
    await auditAppChange(
      tx,
      app.workspaceId,
      "service_copy",
      { type: "responsys_app_service", id: row.id },
      {
        instanceUuid: body.instanceUuid,
        sourceInstanceUuid: body.sourceInstanceUuid,
        installId: source.installId,
        campaignId: copy?.id ?? null,
      },
    );
    return { status: status === "configured" ? ("CONFIGURED" as const) : ("CREATED" as const) };
  });
}
