ALTER TABLE "campaigns" ADD COLUMN "queued_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "status_written_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "messages_campaign_created_idx" ON "messages" USING btree ("campaign_id","created_at","id");--> statement-breakpoint
CREATE INDEX "messages_write_back_idx" ON "messages" USING btree ("created_at") WHERE "messages"."status_written_at" is null and "messages"."status" <> 'skipped';