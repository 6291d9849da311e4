import { createAnnexClient } from "../../vendors/annex/client";
import { annexBaseUrl, clientOf } from "../../vendors/registry";
import { storedSettings } from "../integration/settings";

// The JWT `sub` Annex Cloud agreed for this connector: its prerequisites list "Client Name -
// Attentive" [assumed, as for the segment push; the integration stores no client name].
const ANNEX_CLIENT_NAME = "Attentive";

/**
 * The vendor clients of a loyalty program. Its Attentive integration holds both credentials
 * Attentive's keys for subscriptions and texts, and the Annex Cloud site id and
 * loyalty token the members' actions are read with.
 */
export function loyaltyClients(integration: {
  config: Record<string, unknown>;
  secrets: string | null;
  sandbox: boolean;
}) {
  const settings = storedSettings("attentive", integration.config, integration.secrets);
  return {
    attentive: clientOf("attentive", settings, integration.sandbox),
    annex: createAnnexClient({
      siteId: settings.annexSiteId,
      sharedSecret: settings.loyaltyToken,
      clientName: ANNEX_CLIENT_NAME,
      baseUrl: annexBaseUrl(integration.sandbox),
    }),
    annexSiteId: settings.annexSiteId,
  };
}
