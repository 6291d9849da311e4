import type { Db } from "@/db/client";
import { healthOf } from "./health";
import { findIntegrations } from "./reads";
import { toIntegrationView } from "./view";

/** Every integration with its health, from every vendor call and callback recorded. */
export async function listIntegrations(db: Db, workspaceId: string, includeUninstalled: boolean) {
  const rows = await findIntegrations(db, workspaceId, includeUninstalled);
  const health = await healthOf(db, rows);
  return rows.map((row) => ({ ...toIntegrationView(row), health: health.get(row.id) ?? null }));
}
