import type { SettingsOf, Vendor } from "./settings";
import { env } from "../env";
import { createAttentiveClient } from "./attentive/client";
import { createMittoClient } from "./mitto/client";
import { createResponsysClient } from "./responsys/client";
import { createResponsysAppConnection } from "./responsys-app/connection";
import { createSalesforceClient } from "./salesforce/client";
import type { ClientOptions, VendorConnection } from "./types";
import { createWavyClient } from "./wavy/client";

// Vendors we call. The Responsys CX app is the other way round: Responsys calls it, and what it
// calls back (export, import, completion) comes with each invoke.
type CalledVendor = Exclude<Vendor, "responsys_app">;

// Production hosts per vendor (see docs/vendors). Salesforce logs in at the configured
// login URL; Responsys Interact at the login host the admin chose.
const productionBaseUrl: { [V in CalledVendor]: (settings: SettingsOf<V>) => string } = {
  mitto: () => "https://messaging.mittoapi.com",
  wavy: () => "https://api-messaging.wavy.global",
  attentive: () => "https://api.attentivemobile.com",
  salesforce: (s) => s.loginUrl,
  responsys: (s) => (s.method === "interact" ? `https://${s.endpoint}` : `sftp://${s.host}`),
};

/** Where an integration's calls go: the vendor, or the local sandbox in test mode. */
export function baseUrlFor<V extends CalledVendor>(vendor: V, settings: SettingsOf<V>, sandbox: boolean): string {
  return sandbox ? `${env.SANDBOX_URL}/${vendor}` : productionBaseUrl[vendor](settings);
}

/**
 * Annex Cloud's Loyalty API (loyalty SMS, segment push): not an integration of its own, it is
 * reached with the site id and loyalty token of an Attentive integration, in the sandbox when that
 * one is.
 */
export function annexBaseUrl(sandbox: boolean): string {
  return sandbox ? `${env.SANDBOX_URL}/annex` : "https://s15.socialannex.net/api/3.0";
}

/** The adapter for one integration's settings. */
export function connectionFor<V extends Vendor>(
  vendor: V,
  settings: SettingsOf<V>,
  sandbox: boolean,
  options?: ClientOptions,
): VendorConnection {
  if (vendor === "responsys_app") return createResponsysAppConnection(settings as SettingsOf<"responsys_app">);
  const baseUrl = baseUrlFor(vendor, settings as SettingsOf<CalledVendor>, sandbox);
  const s = settings as SettingsOf<CalledVendor>;
  switch (vendor) {
    case "mitto":
      return createMittoClient({ ...(s as SettingsOf<"mitto">), baseUrl }, options);
    case "wavy":
      return createWavyClient({ ...(s as SettingsOf<"wavy">), baseUrl }, options);
    case "attentive":
      return createAttentiveClient({ ...(s as SettingsOf<"attentive">), baseUrl }, options);
    case "salesforce":
      return createSalesforceClient({ ...(s as SettingsOf<"salesforce">), baseUrl }, options);
    default:
      return createResponsysClient({ ...(s as SettingsOf<"responsys">), baseUrl }, options);
  }
}
