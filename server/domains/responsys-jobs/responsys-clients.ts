import type { Db, Tx } from "@/db/client";
import { DomainError } from "../../lib/errors";
import {
  createResponsysClient,
  type ResponsysInteractClient,
  type ResponsysSftpClient,
} from "../../vendors/responsys/client";
import { baseUrlFor } from "../../vendors/registry";
import type { ClientOptions } from "../../vendors/types";
import { findIntegration } from "../integration/reads";
import { storedSettings } from "../integration/settings";

/** The job's Responsys authorization, checked to be usable for the job type. */
export async function findResponsysIntegration(
  db: Db | Tx,
  workspaceId: string,
  integrationId: string,
  needs: "interact" | "sftp",
) {
  const integration = await findIntegration(db, workspaceId, integrationId);
  if (!integration || integration.uninstalledAt)
    throw new DomainError("NOT_FOUND", "No such authorization in this workspace", "integrationId");
  if (integration.vendor !== "responsys")
    throw new DomainError("BAD_REQUEST", `${integration.label} is not a Responsys authorization`, "integrationId");
  const settings = storedSettings("responsys", integration.config, integration.secrets);
  const isInteract = settings.method === "interact";
  if (needs === "interact" && !isInteract)
    throw new DomainError(
      "BAD_REQUEST",
      `${integration.label} is an SFTP authorization: exports use Responsys Interact (username, password and endpoint)`,
      "integrationId",
    );
  if (needs === "sftp" && isInteract)
    throw new DomainError(
      "BAD_REQUEST",
      `${integration.label} is a Responsys Interact authorization: activity files are read over SFTP (with or without PGP)`,
      "integrationId",
    );
  return { integration, settings };
}

export function interactClientFor(
  integration: { sandbox: boolean; config: Record<string, unknown>; secrets: string | null },
  options?: ClientOptions,
): ResponsysInteractClient {
  const settings = storedSettings("responsys", integration.config, integration.secrets);
  if (settings.method !== "interact")
    throw new DomainError(
      "BAD_REQUEST",
      "This job's authorization is no longer a Responsys Interact login: choose another one",
    );
  return createResponsysClient(
    { ...settings, baseUrl: baseUrlFor("responsys", settings, integration.sandbox) },
    options,
  );
}

/** An SFTP client for the folder (the authorization's own when none); PGP files are decrypted when the method is SFTP with PGP. */
export function sftpClientFor(
  integration: { config: Record<string, unknown>; secrets: string | null },
  folder: string | null,
  options?: ClientOptions,
): ResponsysSftpClient {
  const settings = storedSettings("responsys", integration.config, integration.secrets);
  if (settings.method === "interact")
    throw new DomainError("BAD_REQUEST", "This job's authorization is no longer an SFTP login: choose another one");
  const withFolder = { ...settings, folder: folder ?? settings.folder, baseUrl: "sftp://unused" };
  return withFolder.method === "sftp"
    ? createResponsysClient(withFolder, options)
    : createResponsysClient(withFolder, options);
}
