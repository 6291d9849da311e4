import type { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { requireActiveInstall } from "./lookups";
import type { AppIntegration } from "./queries";
import type { saveConfigurationBody } from "./schema";

/**
 * AMS asks whether the configuration the page reported ("save") took: it did once the page
 * stored the Mitto account, so nothing changes here. The payload is not used.
 */
export async function saveAppConfiguration(db: Db, app: AppIntegration, body: z.infer<typeof saveConfigurationBody>) {
  const install = await requireActiveInstall(db, app.id, body.installId);
  if (install.status !== "configured")
    throw new DomainError(
      "CONFLICT",
      "The app is not configured yet: save the Mitto account on its configuration page first",
      "installId",
    );
  return { configurationStatus: "CONFIGURED" as const, payload: {}, httpStatusCode: "200" };
}
