import { env } from "../../env";
import { appRegistration } from "../responsys-app/app-urls";
import type { IntegrationRow } from "./reads";
import { messagingProfileOf } from "../../vendors/profiles";
import { secretsSet } from "./settings";

/** What the browser may see of an integration: never a secret value. */
export function toIntegrationView(row: IntegrationRow) {
  const vendor = row.vendor;
  const token = row.webhookToken;
  return {
    id: row.id,
    vendor,
    label: row.label,
    description: row.description,
    sandbox: row.sandbox,
    status: row.uninstalledAt ? ("uninstalled" as const) : row.status,
    config: row.config,
    secretsSet: secretsSet(vendor, row.secrets),
    lastTestAt: row.lastTestAt,
    lastTestOk: row.lastTestOk,
    lastTestMessage: row.lastTestMessage,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
    createdAt: row.createdAt,
    uninstalledAt: row.uninstalledAt,
    webhooks: token
      ? (messagingProfileOf(vendor)?.webhooks ?? []).map((w) => ({
          ...w,
          url: `${env.APP_URL}/api/webhooks/${vendor}/${row.id}/${w.kind}?token=${token}`,
        }))
      : [],
    // A Responsys CX app: the endpoint URLs to register in AMS and its install link.
    app:
      vendor === "responsys_app"
        ? appRegistration(row.id, typeof row.config.appId === "string" ? row.config.appId : "", row.sandbox)
        : null,
  };
}
