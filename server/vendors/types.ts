import type { RetryPolicy } from "./http";

/** One named check of a connection test, e.g. "Log in" or "Customer-comment user exists". */
export type ConnectionCheck = { name: string; ok: boolean; message: string };

/** A WhatsApp business account / number found while testing a connection. */
export type DiscoveredSender = {
  externalId: string;
  name: string;
  phoneNumber: string | null;
  messagesPerSecond: number | null;
};

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

/** A customer's message to one of our numbers, as any vendor's inbound webhook reports it. */
export type InboundWebhookMessage = {
  vendorMessageId: string;
  from: string;
  to: string | null;
  text: string | null;
  attachments: { url: string; mimeType?: string; fileName?: string }[];
  receivedAt: string;
};

/** One step of an outbound message's life, as a vendor's status webhook reports it. */
export type StatusWebhookUpdate = {
  vendorMessageId: string;
  status: "sent" | "delivered" | "read" | "failed";
  vendorStatus: string;
  errorCode: string | null;
  errorMessage: string | null;
  occurredAt: string;
};

/** A subscriber's consent changed at the vendor (e.g. they replied STOP to Attentive). */
export type ConsentWebhookChange = {
  channel: "sms" | "email";
  state: "opt_in" | "opt_out";
  phone: string | null;
  email: string | null;
  vendorEvent: string;
  occurredAt: string;
};

/**
 * What one webhook body holds, item by item. `key` is the vendor's own identity of the item,
 * so a redelivered callback is recognised and recorded once.
 */
export type WebhookItem = { key: string } & (
  | { type: "inbound"; message: InboundWebhookMessage }
  | { type: "status"; update: StatusWebhookUpdate }
  | { type: "consent"; change: ConsentWebhookChange }
);

/**
 * What Switchboard knows of a vendor that sends messages, for rules and screens alike (plain
 * data, so the browser may import it).
 */
export type MessagingProfile = {
  /** The vendor's name on screens. */
  label: string;
  channel: "whatsapp" | "sms";
  /** Messages a second a sender sends when an admin set no pace. */
  defaultPace: number;
  /** Whether its templates are read from the vendor's API (else they stay as stored). */
  syncsTemplates: boolean;
  /** Whether admins keep its WhatsApp templates (HSM codes) by hand, having no API to read them from. */
  templatesByHand: boolean;
  /** Whether it reports what became of a message it accepted (delivered, read, failed). */
  reportsDelivery: boolean;
  /** The webhooks to register at the vendor, one URL each. */
  webhooks: readonly { kind: string; label: string }[];
};

/** What goes out: free text, or an approved template with its parameters. */
export type MessageContent =
  { kind: "text"; text: string } | { kind: "template"; name: string; language: string; parameters: string[] };

/** One message on its way out through a messaging vendor. */
export type OutgoingMessage = {
  /** The sending number's id at the vendor (a Mitto traffic account); null where it is implied. */
  from: string | null;
  to: string;
  /** Our own id of the message, for vendors that echo one back. */
  correlationId: string;
  content: MessageContent;
};

/** What a messaging vendor's module does: read its callbacks and send through its client. */
export type MessagingAdapter<Client, Settings> = {
  parseWebhook(kind: string, body: unknown, now: Date): WebhookItem[];
  /** The vendor's body signature checked with the stored settings; vendors that sign nothing have none. */
  signatureValid?(raw: string, signature: string | null, settings: Settings): boolean;
  /** Sends one message; the vendor's id of it when it gives one. */
  send(client: Client, message: OutgoingMessage): Promise<string | null>;
  /**
   * Checks one destination before a campaign sends to it, by the integration's settings or the
   * vendor's own lookup: why it must be skipped, or null to send.
   */
  screen?(client: Client, settings: Settings, to: string): Promise<SendRefusal | null>;
};

/** Why a destination is skipped: a short code for the message row and a sentence for people. */
export type SendRefusal = { reason: string; detail: string };
