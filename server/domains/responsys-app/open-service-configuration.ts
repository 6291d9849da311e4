import type { z } from "zod";
import type { Db } from "@/db/client";
import { signAppSession } from "./app-session";
import { servicePageUrl } from "./app-urls";
import { requireLiveService } from "./lookups";
import { updateService, type AppIntegration } from "./queries";
import type { serviceConfigureBody } from "./schema";

/**
 * AMS opens a service's configuration: the profile list's fields it names are kept for the
 * page's dropdowns, and it is sent to the page with a session for that instance.
 */
export async function openServiceConfiguration(
  db: Db,
  app: AppIntegration,
  body: z.infer<typeof serviceConfigureBody>,
) {
  const service = await requireLiveService(db, app.id, body.uuid, "uuid");
  if (body.listFields?.length) {
    const listFields = [...new Set(body.listFields)];
    await db.transaction((tx) => updateService(tx, service.id, { listFields }));
  }
  return servicePageUrl(signAppSession({ kind: "service", appIntegrationId: app.id, ref: service.instanceUuid }));
}
