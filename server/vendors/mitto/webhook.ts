import { z } from "zod";
import type { StatusWebhookUpdate, WebhookItem } from "../types";
import type { mittoProfile } from "./profile";

// Mitto's callbacks (§4 of docs/vendors/mitto.md): the DLR is documented as
// {messageId, status, errorcode}; the inbound shape and the status vocabulary beyond
// Delivered/Failure are [assumed], so unknown fields pass and statuses match loosely.

const dlr = z.object({
  messageId: z.string().min(1),
  status: z.string().min(1),
  errorcode: z.union([z.string(), z.number()]).nullish(),
  description: z.string().nullish(),
});

const inbound = z.object({
  messageId: z.string().min(1),
  from: z.string().min(1),
  to: z.string().nullish(),
  text: z.string().nullish(),
  receivedAt: z.iso.datetime({ offset: true }).nullish(),
});

/** Mitto's deliveryStatus words onto our ladder; null for ones that say nothing new (Pending). */
function ladderStatus(status: string): StatusWebhookUpdate["status"] | null {
  const s = status.toLowerCase();
  if (s.includes("read")) return "read";
  if (s.includes("deliver") && !s.includes("undeliver")) return "delivered";
  if (/fail|reject|undeliver|expire|error/.test(s)) return "failed";
  if (/sent|accept|submit/.test(s)) return "sent";
  return null;
}

type MittoWebhookKind = (typeof mittoProfile.webhooks)[number]["kind"];

export function parseMittoWebhook(kind: MittoWebhookKind, body: unknown, now: Date): WebhookItem[] {
  if (kind === "inbound") {
    const m = inbound.parse(body);
    return [
      {
        key: `inbound:${m.messageId}`,
        type: "inbound",
        message: {
          vendorMessageId: m.messageId,
          from: m.from,
          to: m.to ?? null,
          text: m.text ?? null,
          attachments: [],
          receivedAt: m.receivedAt ?? now.toISOString(),
        },
      },
    ];
  }
  const d = dlr.parse(body);
  const status = ladderStatus(d.status);
  if (!status) return [];
  const errorCode =
    d.errorcode == null || d.errorcode === "" || d.errorcode === 0 || d.errorcode === "0" ? null : String(d.errorcode);
  return [
    {
      key: `dlr:${d.messageId}:${d.status}`,
      type: "status",
      update: {
        vendorMessageId: d.messageId,
        status,
        vendorStatus: d.status,
        errorCode: status === "failed" ? errorCode : null,
        errorMessage: status === "failed" ? (d.description ?? null) : null,
        // The DLR carries no time of its own: it happened when it reached us.
        occurredAt: now.toISOString(),
      },
    },
  ];
}
