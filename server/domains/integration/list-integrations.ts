import type { Db } from "@/db/client";
import { findRecentCallCounts } from "./queries";
import { findIntegrations } from "./reads";
import { toIntegrationView } from "./view";

/** Every integration with its health: the share of failed vendor calls in the last 24 hours. */
export async function listIntegrations(db: Db, workspaceId: string, includeUninstalled: boolean) {
  const rows = await findIntegrations(db, workspaceId, includeUninstalled);
  const counts = new Map(
    (
      await findRecentCallCounts(
        db,
        rows.map((r) => r.id),
      )
    ).map((c) => [c.integrationId, c]),
  );
  return rows.map((row) => {
    const c = counts.get(row.id);
    return {
      ...toIntegrationView(row),
      health: c && c.total > 0 ? { calls: c.total, errorRate: c.failed / c.total } : null,
    };
  });
}
