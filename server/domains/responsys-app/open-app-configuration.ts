import type { z } from "zod";
import type { Db } from "@/db/client";
import { signAppSession } from "./app-session";
import { configurePageUrl } from "./app-urls";
import { requireActiveInstall } from "./lookups";
import type { AppIntegration } from "./queries";
import type { installIdBody } from "./schema";

/** AMS opens the app's configuration: the page it is sent to, with a session for that installation. */
export async function openAppConfiguration(db: Db, app: AppIntegration, body: z.infer<typeof installIdBody>) {
  const install = await requireActiveInstall(db, app.id, body.installId);
  return configurePageUrl(signAppSession({ kind: "app", appIntegrationId: app.id, ref: install.installId }));
}
