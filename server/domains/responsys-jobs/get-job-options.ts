import type { Db } from "@/db/client";
import { findAttributeKeys, findResponsysIntegrations, findSegmentChoices } from "./option-queries";
import { exportColumns, responsysIdentifiers } from "./schema";

/** What the job forms offer: Responsys authorizations by method, segments, contact fields and identifiers. */
export async function getJobOptions(db: Db, workspaceId: string) {
  const [integrations, segments, attributeKeys] = await Promise.all([
    findResponsysIntegrations(db, workspaceId),
    findSegmentChoices(db, workspaceId),
    findAttributeKeys(db, workspaceId),
  ]);
  return {
    // Method from the non-secret config: interact for exports, sftp/sftp_pgp for imports.
    integrations: integrations.map((i) => ({
      id: i.id,
      label: i.label,
      status: i.status,
      sandbox: i.sandbox,
      method: typeof i.config.method === "string" ? i.config.method : "interact",
    })),
    segments,
    fields: [...exportColumns, ...attributeKeys.map((k) => `attributes.${k}`)],
    identifiers: [...responsysIdentifiers],
  };
}
