ALTER TABLE "contacts" ADD COLUMN "created_from" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "reply_assignments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD COLUMN "dropped_reason" text;--> statement-breakpoint
CREATE INDEX "messages_recipient_idx" ON "messages" USING btree ("integration_id","to_number","created_at");