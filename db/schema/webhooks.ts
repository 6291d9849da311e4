import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { integrations } from "./integrations";

// Every accepted webhook, recorded once by the vendor's event id before any processing.
export const webhookReceipts = pgTable(
  "webhook_receipts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id").references(() => integrations.id),
    source: text("source").notNull(),
    kind: text("kind").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    body: text("body").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true, precision: 3 }),
    // Times handed to the background jobs again after the first hand-off was lost (server/webhooks/redeliver.ts).
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    // Why it was processed without effect: a status report whose message never appeared
    // (apply-message-status waits a bounded time for it, then drops it with this reason).
    droppedReason: text("dropped_reason"),
  },
  (t) => [
    // Keys are the vendor's ids, unique within one vendor account: two integrations of a vendor
    // (two Wavy accounts) may send the same key for different messages.
    uniqueIndex("webhook_receipts_integration_key").on(t.integrationId, t.idempotencyKey),
    index("webhook_receipts_received_idx").on(t.receivedAt),
    index("webhook_receipts_unprocessed_idx")
      .on(t.receivedAt)
      .where(sql`${t.processedAt} is null`),
  ],
);

// Responsys CX Apps JWT ids already seen, so a replayed token is refused.
export const usedTokenIds = pgTable("used_token_ids", {
  jti: text("jti").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
});
