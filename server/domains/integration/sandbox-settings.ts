import { randomBytes } from "node:crypto";
import { sandboxAllowed } from "../../env";
import { DomainError } from "../../lib/errors";
import { attentiveSandboxCredentials, ATTENTIVE_SANDBOX_WEBHOOK_SIGNING_KEY } from "../../sandbox/attentive";
import { mittoSandboxCredentials } from "../../sandbox/mitto";
import { RESPONSYS_SANDBOX_CREDENTIALS } from "../../sandbox/responsys";
import { AMS_SANDBOX_APP } from "../../sandbox/responsys-ams";
import { SALESFORCE_SANDBOX_CREDENTIALS } from "../../sandbox/salesforce";
import { wavySandboxCredentials } from "../../sandbox/wavy";
import type { SettingsOf, Vendor } from "../../vendors/settings";

/**
 * Each vendor's settings for sandbox account `account` (the demo account without one), exactly
 * as the setup wizard saves them. The credentials are the fakes' (server/sandbox/*), not a real
 * account's. Only the vendors whose sandbox sends callbacks tell accounts apart
 * (server/sandbox/accounts.ts); the others always get the demo account.
 */
function sandboxSettingsOf(account?: string) {
  const mitto = mittoSandboxCredentials(account);
  const attentive = attentiveSandboxCredentials(account);
  return {
    mitto: { acceptTerms: true, username: mitto.username, authMethod: "password", password: mitto.password },
    wavy: wavySandboxCredentials(account),
    attentive: {
      annexSiteId: attentive.annexSiteId,
      loyaltyToken: attentive.loyaltyToken,
      apiKey: attentive.apiKey,
      legacyToken: attentive.legacyToken,
      signUpSourceId: attentive.signUpSourceId,
      webhookSigningKey: ATTENTIVE_SANDBOX_WEBHOOK_SIGNING_KEY,
    },
    salesforce: {
      loginUrl: "https://login.salesforce.com",
      flow: "password",
      ...SALESFORCE_SANDBOX_CREDENTIALS,
      apiVersion: "62.0",
      setAuditFields: true,
      addAttachments: true,
      customerCommentUsername: "customer@demo.switchboard.test",
      enabled: true,
    },
    responsys: { method: "interact", ...RESPONSYS_SANDBOX_CREDENTIALS.interact, endpoint: "login2.responsys.net" },
    responsys_app: AMS_SANDBOX_APP,
  } as const satisfies Record<Vendor, Record<string, unknown>>;
}

/** The sandbox's demo account of each vendor, which the demo seeds its integrations with. */
export const sandboxSettings = sandboxSettingsOf();

/**
 * The wizard's test-mode settings for a vendor, refused where this server offers no test mode:
 * a sandbox account of its own for each new integration, so that a second test-mode integration
 * of a vendor does not take over the first one's callbacks. Terms are left out: the admin
 * accepts a vendor's terms themselves.
 */
export function getSandboxSettings(vendor: Vendor): Record<string, unknown> {
  if (!sandboxAllowed())
    throw new DomainError("BAD_REQUEST", "This server offers no test mode (ALLOW_SANDBOX_INTEGRATIONS is off)");
  const own = sandboxSettingsOf(randomBytes(4).toString("hex"))[vendor];
  return Object.fromEntries(Object.entries(own).filter(([name]) => name !== "acceptTerms"));
}

// The credential that names an integration's sandbox account, for the vendors whose sandbox
// sends callbacks: the login (or the API key the calls are made with) for Mitto, the UserName
// for Wavy, the API key for Attentive.
const accountCredential: { [V in Vendor]?: (settings: SettingsOf<V>) => string } = {
  mitto: (s) => (s.authMethod === "apiKey" && s.apiKey ? s.apiKey : s.username),
  wavy: (s) => s.username,
  attentive: (s) => s.apiKey,
};

/** The sandbox account a test-mode integration calls as, by which the sandbox routes its callbacks. */
export function sandboxAccount<V extends Vendor>(vendor: V, settings: SettingsOf<V>): string | undefined {
  return accountCredential[vendor]?.(settings);
}
