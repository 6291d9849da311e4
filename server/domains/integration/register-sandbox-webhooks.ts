import type { Db } from "@/db/client";
import { env } from "../../env";
import { appBaseUrl } from "../responsys-app/app-urls";
import { findSandboxIntegrations } from "./queries";
import { findIntegration, type IntegrationRow } from "./reads";
import { storedSettings } from "./settings";
import { toIntegrationView } from "./view";

async function put(path: string, body: object, what: string) {
  const res = await fetch(`${env.SANDBOX_URL}${path}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`the sandbox refused ${what}: ${res.status} ${await res.text()}`);
}

/**
 * Gives the sandbox the webhook URLs of test-mode integrations, as an admin gives them to
 * the real vendor, and registers test-mode Responsys CX apps (id, token key and secret, and
 * endpoint base URL) with its App Management simulator, as an app developer does in AMS. The
 * sandbox keeps them in memory, so this runs when an integration is connected and again at
 * every server start.
 */
async function register(rows: IntegrationRow[]) {
  for (const row of rows) {
    for (const webhook of toIntegrationView(row).webhooks) {
      await put(
        "/_control/callbacks",
        { vendor: row.vendor, kind: webhook.kind, url: webhook.url },
        `the ${row.vendor} ${webhook.kind} webhook`,
      );
    }
    if (row.vendor === "responsys_app") {
      const { appId, tokenKey, tokenSecret } = storedSettings("responsys_app", row.config, row.secrets);
      await put(
        "/_control/ams/apps",
        { appId, tokenKey, tokenSecret, appBaseUrl: appBaseUrl(row.id) },
        `the Responsys app ${appId}`,
      );
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
