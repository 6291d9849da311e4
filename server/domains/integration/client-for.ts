import "server-only";
import { DomainError } from "../../lib/errors";
import { isMessagingVendor } from "../../vendors/profiles";
import { clientOf, messagingAdapters, type ClientOf } from "../../vendors/registry";
import type { ClientOptions, MessagingAdapter, OutgoingMessage, SendRefusal } from "../../vendors/types";
import type { Vendor } from "../../vendors/settings";
import { storedSettings } from "./settings";

type StoredIntegration = { config: Record<string, unknown>; secrets: string | null; sandbox: boolean };

/**
 * A stored integration's vendor client: its settings decrypted, its calls aimed at the vendor,
 * or at the sandbox in test mode. For use cases only: the settings never leave the server.
 */
export function clientFor<V extends Exclude<Vendor, "responsys_app">>(
  vendor: V,
  integration: StoredIntegration,
  options?: ClientOptions,
): ClientOf<V> {
  return clientOf(
    vendor,
    storedSettings(vendor, integration.config, integration.secrets),
    integration.sandbox,
    options,
  );
}

/** Sends messages through a stored integration's vendor, whichever it is; the vendor's id of each when it gives one. */
export function messengerFor(
  integration: StoredIntegration & { vendor: string; label: string },
): (message: OutgoingMessage) => Promise<string | null> {
  const { vendor } = integration;
  if (!isMessagingVendor(vendor)) throw new DomainError("BAD_REQUEST", `${integration.label} does not send messages`);
  const client = clientFor(vendor, integration);
  const adapter = messagingAdapters[vendor] as MessagingAdapter<typeof client, unknown>;
  return (message) => adapter.send(client, message);
}

/**
 * The vendor's check of a destination before a campaign sends to it (Wavy's SMS RegExp,
 * Attentive's eligibility lookup): why to skip it, or null. Vendors without one let all through.
 */
export function screenerFor(
  integration: StoredIntegration & { vendor: string; label: string },
): (to: string) => Promise<SendRefusal | null> {
  const { vendor } = integration;
  if (!isMessagingVendor(vendor)) throw new DomainError("BAD_REQUEST", `${integration.label} does not send messages`);
  const adapter = messagingAdapters[vendor] as MessagingAdapter<unknown, unknown>;
  if (!adapter.screen) return () => Promise.resolve(null);
  const client = clientFor(vendor, integration);
  const settings = storedSettings(vendor, integration.config, integration.secrets);
  return async (to) => (await adapter.screen?.(client, settings, to)) ?? null;
}
