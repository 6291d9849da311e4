import { z } from "zod";
import type { StatusWebhookUpdate, WebhookItem } from "../types";
import type { wavyProfile } from "./profile";

// Wavy's batched callbacks, {total, data: [...]} (§3 of docs/vendors/wavy-sinch.md). One
// message's status arrives several times (sent, then delivered, then read) under the same id,
// so the item key is the id with the stage it reports.

const epochOrIso = z.union([z.number(), z.string()]).nullish();

const statusItem = z.object({
  id: z.string().min(1),
  sentStatus: z.string().nullish(),
  sentStatusCode: z.number().nullish(),
  sent: z.boolean().nullish(),
  deliveredStatus: z.string().nullish(),
  deliveredStatusCode: z.number().nullish(),
  sentAt: epochOrIso,
  deliveredAt: epochOrIso,
  readAt: epochOrIso,
  updatedAt: epochOrIso,
});

const messageItem = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  origin: z.string().nullish(),
  message: z
    .object({
      type: z.string(),
      messageText: z.string().nullish(),
      caption: z.string().nullish(),
      mediaUrl: z.string().nullish(),
      mimeType: z.string().nullish(),
    })
    .loose(),
  receivedAt: epochOrIso,
});

const batch = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int().nonnegative().optional(), data: z.array(item).min(1) });

const toIso = (value: number | string | null | undefined, fallback: Date) =>
  (value == null ? fallback : new Date(value)).toISOString();

const digitsToE164 = (n: string) => (n.startsWith("+") ? n : `+${n.replace(/\D/g, "")}`);

function statusOf(item: z.infer<typeof statusItem>, now: Date): StatusWebhookUpdate {
  const base = { vendorMessageId: item.id, errorCode: null, errorMessage: null };
  const delivered = item.deliveredStatus;
  if (delivered === "READ_SUCCESS")
    return { ...base, status: "read", vendorStatus: delivered, occurredAt: toIso(item.readAt ?? item.updatedAt, now) };
  if (delivered === "DELIVERED_SUCCESS")
    return {
      ...base,
      status: "delivered",
      vendorStatus: delivered,
      occurredAt: toIso(item.deliveredAt ?? item.updatedAt, now),
    };
  // Any other delivery-stage status (EXPIRED, NOT_DELIVERED) or a sent-stage failure ends it.
  if (delivered)
    return {
      ...base,
      status: "failed",
      vendorStatus: delivered,
      errorCode: String(item.deliveredStatusCode ?? delivered),
      errorMessage: delivered,
      occurredAt: toIso(item.updatedAt, now),
    };
  const sent = item.sentStatus ?? "SENT_SUCCESS";
  if (sent === "SENT_SUCCESS" && item.sent !== false)
    return { ...base, status: "sent", vendorStatus: sent, occurredAt: toIso(item.sentAt ?? item.updatedAt, now) };
  return {
    ...base,
    status: "failed",
    vendorStatus: sent,
    errorCode: String(item.sentStatusCode ?? sent),
    errorMessage: sent,
    occurredAt: toIso(item.updatedAt ?? item.sentAt, now),
  };
}

type WavyWebhookKind = (typeof wavyProfile.webhooks)[number]["kind"];

export function parseWavyWebhook(kind: WavyWebhookKind, body: unknown, now: Date): WebhookItem[] {
  if (kind === "status") {
    return batch(statusItem)
      .parse(body)
      .data.map((item) => {
        const update = statusOf(item, now);
        return { key: `status:${item.id}:${update.vendorStatus}`, type: "status" as const, update };
      });
  }
  return batch(messageItem)
    .parse(body)
    .data.map((item) => ({
      key: `message:${item.id}`,
      type: "inbound" as const,
      message: {
        vendorMessageId: item.id,
        from: digitsToE164(item.source),
        to: item.origin ? digitsToE164(item.origin) : null,
        text: item.message.messageText ?? item.message.caption ?? null,
        attachments: item.message.mediaUrl
          ? [{ url: item.message.mediaUrl, ...(item.message.mimeType ? { mimeType: item.message.mimeType } : {}) }]
          : [],
        receivedAt: toIso(item.receivedAt, now),
      },
    }));
}
