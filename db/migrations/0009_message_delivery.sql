ALTER TABLE "messages" ADD COLUMN "claimed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sent_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "messages_campaign_sent_idx" ON "messages" USING btree ("campaign_id","sent_at");--> statement-breakpoint
CREATE INDEX "messages_interrupted_idx" ON "messages" USING btree ("claimed_at") WHERE "messages"."status" = 'queued' and "messages"."attempts" > 0;