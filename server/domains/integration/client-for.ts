import { clientOf, type ClientOf } from "../../vendors/registry";
import type { ClientOptions } from "../../vendors/types";
import type { Vendor } from "../../vendors/settings";
import { storedSettings } from "./settings";

/**
 * A stored integration's vendor client: its settings decrypted, its calls aimed at the vendor,
 * or at the sandbox in test mode. For use cases only: the settings never leave the server.
 */
export function clientFor<V extends Exclude<Vendor, "responsys_app">>(
  vendor: V,
  integration: { config: Record<string, unknown>; secrets: string | null; sandbox: boolean },
  options?: ClientOptions,
): ClientOf<V> {
  return clientOf(
    vendor,
    storedSettings(vendor, integration.config, integration.secrets),
    integration.sandbox,
    options,
  );
}
