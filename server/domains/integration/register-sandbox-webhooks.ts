import type { Db } from "@/db/client";
import { env } from "../../env";
import { appBaseUrl } from "../responsys-app/app-urls";
import { findSandboxIntegrations } from "./queries";
import { findIntegration, type IntegrationRow } from "./reads";
import { sandboxAccount } from "./sandbox-settings";
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
 * Gives the sandbox the webhook URLs of test-mode integrations, as an admin gives them to the
 * real vendor, for the account the integration's settings call as (a new test-mode integration
 * gets one of its own, sandbox-settings.ts, so its callbacks stay its own), and registers
 * test-mode Responsys CX apps (id, token key and secret, and endpoint base URL) with its App
 * Management simulator, as an app developer does in AMS. The sandbox keeps them in memory, so
 * this runs when an integration is connected and again at every server start.
 */
async function register(row: IntegrationRow) {
  const { webhooks } = toIntegrationView(row);
  const account =
    webhooks.length > 0 ? sandboxAccount(row.vendor, storedSettings(row.vendor, row.config, row.secrets)) : undefined;
  for (const webhook of webhooks) {
    await put(
      "/_control/callbacks",
      { vendor: row.vendor, account, kind: webhook.kind, url: webhook.url },
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

export async function registerSandboxWebhooks(db: Db, workspaceId: string, integrationId: string) {
  const row = await findIntegration(db, workspaceId, integrationId);
  if (row?.sandbox && !row.uninstalledAt) await register(row);
}

/** Every test-mode integration's, each on its own: one that fails (settings no longer valid) does not stop the rest. */
export async function registerAllSandboxWebhooks(db: Db) {
  const failed: string[] = [];
  for (const row of await findSandboxIntegrations(db))
    await register(row).catch((error: unknown) => failed.push(`${row.label}: ${(error as Error).message}`));
  if (failed.length > 0) throw new Error(failed.join("; "));
}
