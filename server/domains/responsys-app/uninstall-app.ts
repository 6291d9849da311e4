import type { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { auditAppChange } from "./audit";
import { findInstall, updateInstall, type AppIntegration } from "./queries";
import type { installIdBody } from "./schema";

/**
 * AMS uninstalled the app. The installation is marked, not deleted, and the Mitto integration
 * it configured stays with its messages and history; uninstalling twice changes nothing more.
 */
export async function uninstallApp(db: Db, app: AppIntegration, body: z.infer<typeof installIdBody>) {
  return db.transaction(async (tx) => {
    const install = await findInstall(tx, app.id, body.installId);
    if (!install) throw new DomainError("NOT_FOUND", `No installation ${body.installId} of this app`, "installId");
    if (install.status !== "uninstalled") {
      await updateInstall(tx, install.id, { status: "uninstalled" });
      await auditAppChange(
        tx,
        app.workspaceId,
        "uninstall",
        { type: "responsys_app_install", id: install.id },
        { installId: body.installId },
      );
    }
    return { status: "UNINSTALLED" as const };
  });
}
