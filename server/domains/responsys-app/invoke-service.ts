import type { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { requireLiveService } from "./lookups";
import type { AppIntegration } from "./queries";
import { receiveInvocation } from "./receive-invocation";
import type { invokeTarget } from "./schema";

/** Responsys invoked a service instance: found by instanceContext.instanceId, it must be configured. */
export async function invokeService(db: Db, app: AppIntegration, target: z.infer<typeof invokeTarget>, body: unknown) {
  const service = await requireLiveService(db, app.id, target.instanceContext.instanceId, "instanceContext.instanceId");
  if (service.status !== "configured")
    throw new DomainError(
      "CONFLICT",
      "The service is not configured yet: open its configuration in the Program's Apps step and save it.",
      "instanceContext.instanceId",
    );
  return receiveInvocation(
    db,
    {
      id: service.id,
      workspaceId: service.workspaceId,
      campaignId: service.campaignId,
      recordDefinition: service.recordDefinition,
      appIntegrationId: app.id,
      sandbox: app.sandbox,
    },
    body,
  );
}
