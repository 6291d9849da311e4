import { annexClientOf, clientOf } from "../../vendors/registry";
import { storedSettings } from "../integration/settings";

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
    annex: annexClientOf(settings, integration.sandbox),
    annexSiteId: settings.annexSiteId,
  };
}
