import type { RetryPolicy } from "./http";

/** One named check of a connection test, e.g. "Log in" or "Customer-comment user exists". */
export type ConnectionCheck = { name: string; ok: boolean; message: string };

/** A WhatsApp business account / number found while testing a connection. */
export type DiscoveredSender = { externalId: string; name: string; phoneNumber: string | null; messagesPerSecond: number | null };

export type ConnectionResult = {
  ok: boolean;
  checks: ConnectionCheck[];
  senders?: DiscoveredSender[];
  /** Non-secret facts learned from the vendor to keep in the integration's config (e.g. the Responsys REST endpoint). */
  learned?: Record<string, string>;
};

/** Every adapter takes these besides its settings; tests shorten them. */
export type ClientOptions = { retry?: RetryPolicy; timeoutMs?: number };

/** What every vendor adapter offers the integration domain. */
export interface VendorConnection {
  testConnection(): Promise<ConnectionResult>;
}
