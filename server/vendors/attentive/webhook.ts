import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { WebhookItem } from "../types";
import type { attentiveProfile } from "./profile";

// Attentive's webhook events (§6 of docs/vendors/attentive.md): signed with a hex HMAC-SHA256
// of the raw body; no timestamp in the signature, so each event is recorded once by its
// content. Only subscription changes matter here; other events (sent, clicks) are accepted and
// ignored. sms.unsubscribed is [unverified] in the notes, so it is handled like email's.

const event = z
  .object({
    type: z.string().min(1),
    timestamp: z.number(),
    subscriber: z.object({ phone: z.string().nullish(), email: z.string().nullish() }).loose(),
  })
  .loose();

const changes: Record<string, { channel: "sms" | "email"; state: "opt_in" | "opt_out" }> = {
  "sms.subscribed": { channel: "sms", state: "opt_in" },
  "sms.unsubscribed": { channel: "sms", state: "opt_out" },
  "email.subscribed": { channel: "email", state: "opt_in" },
  "email.unsubscribed": { channel: "email", state: "opt_out" },
};

type AttentiveWebhookKind = (typeof attentiveProfile.webhooks)[number]["kind"];

/** Whether the body carries Attentive's signature made with this key. */
export function attentiveSignatureValid(raw: string, signature: string | null, signingKey: string): boolean {
  if (!signature) return false;
  const expected = Buffer.from(createHmac("sha256", signingKey).update(raw).digest("hex"));
  const given = Buffer.from(signature.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function parseAttentiveWebhook(_kind: AttentiveWebhookKind, body: unknown): WebhookItem[] {
  const e = event.parse(body);
  const change = changes[e.type];
  const phone = e.subscriber.phone ?? null;
  const email = e.subscriber.email ?? null;
  if (!change || !(phone ?? email)) return [];
  return [
    {
      key: `${e.type}:${e.timestamp}:${phone ?? email}`,
      type: "consent",
      change: { ...change, phone, email, vendorEvent: e.type, occurredAt: new Date(e.timestamp).toISOString() },
    },
  ];
}
