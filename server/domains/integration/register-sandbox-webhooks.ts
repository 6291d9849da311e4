import type { Db } from "@/db/client";
import { env } from "../../env";
import { findIntegration, findSandboxIntegrations, type IntegrationRow } from "./queries";
import { toIntegrationView } from "./view";

/**
 * Gives the sandbox the webhook URLs of test-mode integrations, as an admin gives them to
 * the real vendor. The sandbox keeps them in memory, one URL per vendor and kind, so this
 * runs when an integration is connected and again at every server start.
 */
async function register(rows: IntegrationRow[]) {
  for (const row of rows) {
    for (const webhook of toIntegrationView(row).webhooks) {
      const res = await fetch(`${env.SANDBOX_URL}/_control/callbacks`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ vendor: row.vendor, kind: webhook.kind, url: webhook.url }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) throw new Error(`the sandbox refused the ${row.vendor} ${webhook.kind} webhook: ${res.status} ${await res.text()}`);
    }
  }
}

export async function registerSandboxWebhooks(db: Db, workspaceId: string, integrationId: string) {
  const row = await findIntegration(db, workspaceId, integrationId);
  if (row?.sandbox && !row.uninstalledAt) await register([row]);
}

export async function registerAllSandboxWebhooks(db: Db) {
  await register(await findSandboxIntegrations(db));
}
