import type { Db, Tx } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { readAppSession, type AppSession } from "./app-session";
import { findInstall, findService } from "./queries";

// The checks every use case of the app starts with, worded for whoever reads the answer:
// AMS for the endpoints, a Responsys user for the configuration pages.

/** An installation that is not uninstalled. */
export async function requireActiveInstall(db: Db | Tx, appIntegrationId: string, installId: string) {
  const install = await findInstall(db, appIntegrationId, installId);
  if (!install) throw new DomainError("NOT_FOUND", `No installation ${installId} of this app`, "installId");
  if (install.status === "uninstalled")
    throw new DomainError("CONFLICT", `Installation ${installId} was uninstalled; install the app again`, "installId");
  return install;
}

/** A service instance that was not deleted. */
export async function requireLiveService(
  db: Db | Tx,
  appIntegrationId: string,
  instanceUuid: string,
  field = "instanceUuid",
) {
  const service = await findService(db, appIntegrationId, instanceUuid);
  if (!service || service.status === "deleted")
    throw new DomainError("NOT_FOUND", `No service instance ${instanceUuid} of this app`, field);
  return service;
}

/** The configuration page's session, of the expected kind. */
export function requireSession(token: string, kind: AppSession["kind"]): AppSession {
  const session = readAppSession(token);
  if (!session || session.kind !== kind)
    throw new DomainError(
      "FORBIDDEN",
      "This configuration page has expired or its link is not valid. Open the configuration again from Responsys.",
    );
  return session;
}
