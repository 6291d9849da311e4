DROP INDEX "webhook_receipts_once_key";--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_receipts_integration_key" ON "webhook_receipts" USING btree ("integration_id","idempotency_key");