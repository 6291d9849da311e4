import type { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { findInstall, type AppIntegration } from "./queries";
import type { installIdBody } from "./schema";

export async function getAppStatus(db: Db, app: AppIntegration, body: z.infer<typeof installIdBody>) {
  const install = await findInstall(db, app.id, body.installId);
  if (!install) throw new DomainError("NOT_FOUND", `No installation ${body.installId} of this app`, "installId");
  return { status: install.status.toUpperCase() as "INSTALLED" | "CONFIGURED" | "UNINSTALLED" };
}
