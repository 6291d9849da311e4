import { z } from "zod";
import type { Db } from "@/db/client";
import { inngest } from "../jobs/client";
import { coalesce } from "../jobs/coalesce";
import {
  inboundMessageReceived,
  messageStatusesReceived,
  vendorConsentReceived,
  type StatusReport,
} from "../jobs/events";
import { recordVendorCall, recordVendorCalls } from "../domains/integration/record-vendor-call";
import { storedSettings } from "../domains/integration/settings";
import { sameSecret } from "../http/secret";
import { isMessagingVendor, messagingProfiles } from "../vendors/profiles";
import { messagingAdapters } from "../vendors/registry";
import type { MessagingAdapter, WebhookItem } from "../vendors/types";
import { deleteReceipts, findWebhookTarget, insertNewReceipts } from "./queries";

/** Vendors batch at most a few hundred small items; anything larger is not a callback. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

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

/** Status reports handed over in one event, at most. */
const REPORTS_PER_EVENT = 200;

type Recorded = { item: WebhookItem; receiptId: string; target: { id: string; workspaceId: string } };

/**
 * The background jobs' events for recorded items: one for each inbound message or consent
 * change, and the status reports (the bulk of callbacks) together, REPORTS_PER_EVENT to an event.
 */
export function eventsFor(recorded: Recorded[]) {
  const events: (
    | ReturnType<typeof inboundMessageReceived.create>
    | ReturnType<typeof vendorConsentReceived.create>
    | ReturnType<typeof messageStatusesReceived.create>
  )[] = [];
  const reports: StatusReport[] = [];
  for (const { item, receiptId, target } of recorded) {
    if (item.type === "status") reports.push({ receiptId, integrationId: target.id, update: item.update });
    else if (item.type === "inbound")
      events.push(inboundMessageReceived.create({ receiptId, integrationId: target.id, message: item.message }));
    else
      events.push(
        vendorConsentReceived.create({
          receiptId,
          workspaceId: target.workspaceId,
          integrationId: target.id,
          change: item.change,
        }),
      );
  }
  for (let i = 0; i < reports.length; i += REPORTS_PER_EVENT)
    events.push(messageStatusesReceived.create({ reports: reports.slice(i, i + REPORTS_PER_EVENT) }));
  return events;
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
  if (!isMessagingVendor(vendor) || !messagingProfiles[vendor].webhooks.some((w) => w.kind === kind))
    return answer(404, { error: "No such webhook." });
  const target = await findWebhookTarget(db, integrationId);
  if (!target || target.vendor !== vendor || target.uninstalledAt) return answer(404, { error: "No such webhook." });
  // Every integration's webhook URLs carry its own secret token, compared in constant time; a
  // vendor that signs its bodies is checked with the signing key stored with the integration.
  // A callback refused once its integration is known counts against that integration's health.
  const refuse = async (status: number, error: string) => {
    await recordVendorCall(db, target.id, `webhook.${kind}`, false, `A ${kind} callback was refused: ${error}`);
    return answer(status, { error });
  };
  if (!sameSecret(token, target.webhookToken)) return refuse(401, "The token in the webhook URL is missing or wrong.");
  const adapter = messagingAdapters[vendor] as MessagingAdapter<unknown, unknown>;
  if (
    adapter.signatureValid &&
    !adapter.signatureValid(raw, signature, storedSettings(vendor, target.config, target.secrets))
  )
    return refuse(401, "The signature is missing or does not match the integration's webhook signing key.");

  let items: WebhookItem[];
  try {
    // A batch may repeat an item; it counts once.
    items = [
      ...new Map(adapter.parseWebhook(kind, JSON.parse(raw) as unknown, now).map((item) => [item.key, item])).values(),
    ];
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : "the body is not JSON";
    return refuse(400, `Invalid ${vendor} ${kind} callback: ${detail}`);
  }

  const recorded = await recordItems(db, target, kind, items);
  if (!recorded) return answer(503, { error: "Temporarily unable to accept callbacks; retry later." });
  return answer(200, recorded);
}

type Pending = {
  row: Parameters<typeof insertNewReceipts>[1][number];
  item: WebhookItem;
  target: Recorded["target"];
  /** What the integration's health counts this item as (a callback received, a status looked up). */
  operation: string;
};

/** One value per database: the callers of a process share it (tests run several databases). */
function perDb<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    if (!made.has(db)) made.set(db, make(db));
    return made.get(db)!;
  };
}

/**
 * Items received together (a vendor sends many callbacks at once, one item each) are recorded
 * in one statement and handed over in one request; resolves to those that were new. When an
 * item comes twice at once, its first copy is the one recorded. When the hand-off fails the
 * new receipts are removed again and every caller of the batch gets the error.
 */
const recordTogether = perDb((db) =>
  coalesce(
    async (pending: Pending[]) => {
      const keyOf = (r: { integrationId: string | null; idempotencyKey: string }) =>
        `${r.integrationId} ${r.idempotencyKey}`;
      const first = new Map<string, Pending>();
      for (const p of pending) if (!first.has(keyOf(p.row))) first.set(keyOf(p.row), p);
      const created = await insertNewReceipts(
        db,
        [...first.values()].map((p) => p.row),
      );
      const fresh = created.map((r) => ({ id: r.id, pending: first.get(keyOf(r))! }));
      if (fresh.length > 0) {
        try {
          await inngest.send(
            eventsFor(fresh.map(({ id, pending }) => ({ item: pending.item, receiptId: id, target: pending.target }))),
          );
        } catch (error) {
          await deleteReceipts(
            db,
            created.map((r) => r.id),
          );
          throw error;
        }
      }
      // Every item received counts for its integration's health, duplicates too: one upsert per batch.
      await recordVendorCalls(
        db,
        pending.map((p) => ({ integrationId: p.target.id, operation: p.operation, succeeded: 1, failed: 0 })),
      );
      return new Set(fresh.map((f) => f.pending));
    },
    { windowMs: 5, maxItems: 500 },
  ),
);

/**
 * Records each item of a vendor's callback (or of a status the portal looked up) once, by the
 * vendor's own key, and hands the new ones to the background jobs. When recording or the
 * hand-off fails, nothing stays recorded and null is returned, so the caller can have it
 * retried: an item is never recorded as received yet left unprocessed.
 */
export async function recordItems(
  db: Db,
  target: { id: string; workspaceId: string; vendor: string },
  kind: string,
  items: WebhookItem[],
  operation = `webhook.${kind}`,
) {
  const pending: Pending[] = items.map((item) => ({
    row: {
      integrationId: target.id,
      source: target.vendor,
      kind,
      idempotencyKey: item.key,
      body: JSON.stringify(item),
    },
    item,
    target,
    operation,
  }));
  if (pending.length === 0) return { accepted: 0, duplicates: 0 };
  try {
    const created = await recordTogether(db)(pending);
    const accepted = pending.filter((p) => created.has(p)).length;
    return { accepted, duplicates: items.length - accepted };
  } catch (error) {
    console.error("recording or hand-off of vendor callbacks failed", error);
    return null;
  }
}
