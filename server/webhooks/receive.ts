import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/client";
import { inngest } from "../jobs/client";
import { coalesce } from "../jobs/coalesce";
import { inboundMessageReceived, messageStatusReceived, vendorConsentReceived } from "../jobs/events";
import { storedSettings } from "../domains/integration/settings";
import { attentiveSignatureValid, attentiveWebhookKinds, parseAttentiveWebhook } from "../vendors/attentive/webhook";
import { mittoWebhookKinds, parseMittoWebhook } from "../vendors/mitto/webhook";
import type { WebhookItem } from "../vendors/types";
import { parseWavyWebhook, wavyWebhookKinds } from "../vendors/wavy/webhook";
import { deleteReceipts, findWebhookTarget, insertNewReceipts } from "./queries";

/** Vendors batch at most a few hundred small items; anything larger is not a callback. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

// Every integration's webhook URLs carry its own secret token, compared in constant time:
// Mitto and Wavy sign nothing (shared/vendors). Attentive also signs the body, checked with the
// signing key stored (encrypted) with the integration.
const parsers = {
  mitto: { kinds: mittoWebhookKinds, parse: parseMittoWebhook },
  wavy: { kinds: wavyWebhookKinds, parse: parseWavyWebhook },
  attentive: { kinds: attentiveWebhookKinds, parse: parseAttentiveWebhook },
} as const;

const request = z.object({
  vendor: z.string(),
  integrationId: z.uuid(),
  kind: z.string(),
  token: z.string().nullable(),
  signature: z.string().nullable(),
  raw: z.string(),
});

export type WebhookAnswer = { status: number; body: Record<string, unknown> };

const answer = (status: number, body: Record<string, unknown>): WebhookAnswer => ({ status, body });

function sameSecret(given: string | null, expected: string | null): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The background job's event for one recorded item of a callback. */
export function eventFor(item: WebhookItem, receiptId: string, target: { id: string; workspaceId: string }) {
  const integrationId = target.id;
  switch (item.type) {
    case "inbound":
      return inboundMessageReceived.create({ receiptId, integrationId, message: item.message });
    case "status":
      return messageStatusReceived.create({ receiptId, integrationId, update: item.update });
    default:
      return vendorConsentReceived.create({ receiptId, workspaceId: target.workspaceId, integrationId, change: item.change });
  }
}

/** Callbacks received together reach the engine in one request (a vendor sends many at once). */
const handOver = coalesce((events: ReturnType<typeof eventFor>[]) => inngest.send(events), { windowMs: 5, maxItems: 500 });

/** Attentive's body signature, with the integration's signing key; vendors that sign nothing pass. */
function signedByVendor(target: NonNullable<Awaited<ReturnType<typeof findWebhookTarget>>>, raw: string, signature: string | null): boolean {
  if (target.vendor !== "attentive") return true;
  const key = storedSettings("attentive", target.config, target.secrets).webhookSigningKey;
  return Boolean(key) && attentiveSignatureValid(raw, signature, key ?? "");
}

/**
 * A vendor callback: authenticate, validate, record each item once by the vendor's own key,
 * then hand the new ones to background functions and answer at once (Wavy retries after
 * ~200 ms). When the hand-off fails the new receipts are removed and the vendor is told to
 * retry, so an item is never recorded as received yet left unprocessed.
 */
export async function receiveWebhook(db: Db, input: z.input<typeof request>, now = new Date()): Promise<WebhookAnswer> {
  const parsed = request.safeParse(input);
  if (!parsed.success) return answer(404, { error: "No such webhook." });
  const { vendor, integrationId, kind, token, signature, raw } = parsed.data;
  const parser = vendor in parsers ? parsers[vendor as keyof typeof parsers] : null;
  if (!parser || !(parser.kinds as readonly string[]).includes(kind)) return answer(404, { error: "No such webhook." });
  const target = await findWebhookTarget(db, integrationId);
  if (!target || target.vendor !== vendor || target.uninstalledAt) return answer(404, { error: "No such webhook." });
  if (!sameSecret(token, target.webhookToken)) return answer(401, { error: "The token in the webhook URL is missing or wrong." });
  if (!signedByVendor(target, raw, signature)) return answer(401, { error: "The signature is missing or does not match the integration's webhook signing key." });

  let items: WebhookItem[];
  try {
    // A batch may repeat an item; it counts once.
    items = [...new Map(parser.parse(kind as never, JSON.parse(raw) as unknown, now).map((item) => [item.key, item])).values()];
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : "the body is not JSON";
    return answer(400, { error: `Invalid ${vendor} ${kind} callback: ${detail}` });
  }

  const recorded = await recordItems(db, target, kind, items);
  if (!recorded) return answer(503, { error: "Temporarily unable to accept callbacks; retry later." });
  return answer(200, recorded);
}

/**
 * Records each item of a vendor's callback (or of a status the portal looked up) once, by the
 * vendor's own key, and hands the new ones to the background jobs. When the hand-off fails the
 * new receipts are removed again and null is returned, so the caller can have it retried: an
 * item is never recorded as received yet left unprocessed.
 */
export async function recordItems(db: Db, target: { id: string; workspaceId: string; vendor: string }, kind: string, items: WebhookItem[]) {
  const created = await insertNewReceipts(
    db,
    items.map((item) => ({ integrationId: target.id, source: target.vendor, kind, idempotencyKey: item.key, body: JSON.stringify(item) })),
  );
  const byKey = new Map(created.map((r) => [r.idempotencyKey, r.id]));
  const fresh = items.flatMap((item) => {
    const id = byKey.get(item.key);
    return id ? [eventFor(item, id, target)] : [];
  });
  if (fresh.length > 0) {
    try {
      await handOver(fresh);
    } catch (error) {
      await deleteReceipts(db, created.map((r) => r.id));
      console.error("hand-off of vendor callbacks failed", error);
      return null;
    }
  }
  return { accepted: fresh.length, duplicates: items.length - fresh.length };
}
