import type { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { requireLiveService } from "./lookups";
import type { AppIntegration } from "./queries";
import type { serviceSaveConfigurationBody } from "./schema";

/** AMS confirms the page's "save": the record definition the configuration page stored. */
export async function saveServiceConfiguration(
  db: Db,
  app: AppIntegration,
  body: z.infer<typeof serviceSaveConfigurationBody>,
) {
  const service = await requireLiveService(db, app.id, body.instanceUuid);
  if (service.status !== "configured" || !service.recordDefinition) {
    throw new DomainError(
      "CONFLICT",
      "The service is not configured yet: save its configuration page first",
      "instanceUuid",
    );
  }
  return {
    configurationStatus: "CONFIGURED" as const,
    httpStatusCode: "200",
    payload: {},
    recordDefinition: service.recordDefinition,
  };
}
