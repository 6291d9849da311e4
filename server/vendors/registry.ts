import type { SettingsOf, Vendor } from "./settings";
import { env, sandboxAllowed } from "../env";
import { DomainError } from "../lib/errors";
import { isInternalHost } from "../lib/internal-host";
import { createAnnexClient } from "./annex/client";
import { createAttentiveClient } from "./attentive/client";
import { createMittoClient } from "./mitto/client";
import { createResponsysClient } from "./responsys/client";
import { createResponsysAppConnection } from "./responsys-app/connection";
import { createSalesforceClient } from "./salesforce/client";
import { attentiveMessaging } from "./attentive/messaging";
import { mittoMessaging } from "./mitto/messaging";
import type { MessagingVendor } from "./profiles";
import type { ClientOptions, MessagingAdapter, VendorConnection } from "./types";
import { createWavyClient } from "./wavy/client";
import { wavyMessaging } from "./wavy/messaging";

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

/** The sandbox's address for one vendor: refused where test mode is off (production, by default). */
function sandboxUrl(vendor: CalledVendor | "annex"): string {
  if (!sandboxAllowed())
    throw new DomainError(
      "BAD_REQUEST",
      "Test mode is off on this server: integrations cannot call the vendor sandbox (set ALLOW_SANDBOX_INTEGRATIONS=true to allow it)",
      "sandbox",
    );
  return `${env.SANDBOX_URL}/${vendor}`;
}

/**
 * Where an integration's calls go: the vendor, or the local sandbox in test mode. Outside test
 * mode never this machine or its private network (an SFTP host is typed by the admin).
 */
export function baseUrlFor<V extends CalledVendor>(vendor: V, settings: SettingsOf<V>, sandbox: boolean): string {
  if (sandbox) return sandboxUrl(vendor);
  const url = productionBaseUrl[vendor](settings);
  const { hostname } = new URL(url);
  if (isInternalHost(hostname))
    throw new DomainError(
      "BAD_REQUEST",
      `${hostname} is a loopback or private address: outside test mode, integrations reach vendors on the internet only`,
      "host",
    );
  return url;
}

// Annex Cloud's prerequisites for its Attentive connector name the client "Attentive": the JWT
// `sub` Annex Cloud agreed for this connector [assumed; the integration stores no client name].
const ANNEX_CLIENT_NAME = "Attentive";

/**
 * Annex Cloud's Loyalty API (loyalty SMS, segment push): not an integration of its own, it is
 * reached with the site id and loyalty token of an Attentive integration, in the sandbox when that
 * one is.
 */
export function annexClientOf(settings: SettingsOf<"attentive">, sandbox: boolean, options?: ClientOptions) {
  return createAnnexClient(
    {
      siteId: settings.annexSiteId,
      sharedSecret: settings.loyaltyToken,
      clientName: ANNEX_CLIENT_NAME,
      baseUrl: sandbox ? sandboxUrl("annex") : "https://s15.socialannex.net/api/3.0",
    },
    options,
  );
}

/** Each vendor we call, and the factory of its adapter (which takes the settings and where to call). */
export const clientFactories = {
  mitto: createMittoClient,
  wavy: createWavyClient,
  attentive: createAttentiveClient,
  salesforce: createSalesforceClient,
  responsys: createResponsysClient,
} satisfies {
  [V in CalledVendor]: (settings: SettingsOf<V> & { baseUrl: string }, options?: ClientOptions) => VendorConnection;
};
export type ClientOf<V extends CalledVendor> = ReturnType<(typeof clientFactories)[V]>;

/** The adapter for one vendor's settings, aimed at the vendor, or at the sandbox in test mode. */
export function clientOf<V extends CalledVendor>(
  vendor: V,
  settings: SettingsOf<V>,
  sandbox: boolean,
  options?: Parameters<(typeof clientFactories)[V]>[1],
): ClientOf<V> {
  const create = clientFactories[vendor] as unknown as (
    s: SettingsOf<V> & { baseUrl: string },
    o?: Parameters<(typeof clientFactories)[V]>[1],
  ) => ClientOf<V>;
  return create({ ...settings, baseUrl: baseUrlFor(vendor, settings, sandbox) }, options);
}

/** The adapter that tests a connection with one integration's settings. */
export function connectionFor<V extends Vendor>(
  vendor: V,
  settings: SettingsOf<V>,
  sandbox: boolean,
  options?: ClientOptions,
): VendorConnection {
  if (vendor === "responsys_app") return createResponsysAppConnection(settings as SettingsOf<"responsys_app">);
  return clientOf(vendor, settings as SettingsOf<CalledVendor>, sandbox, options);
}

/** Each vendor that sends messages, and its adapter's callbacks and sends (its profile is in profiles.ts). */
export const messagingAdapters = {
  mitto: mittoMessaging,
  wavy: wavyMessaging,
  attentive: attentiveMessaging,
} satisfies { [V in MessagingVendor]: MessagingAdapter<ClientOf<V>, SettingsOf<V>> };
