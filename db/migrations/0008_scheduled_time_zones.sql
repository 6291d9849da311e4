ALTER TABLE "campaigns" ADD COLUMN "scheduled_through" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "contacts_time_zone_idx" ON "contacts" USING btree ("workspace_id","time_zone");--> statement-breakpoint
-- Campaigns already live were sent on the old rule (one UTC time for everyone): their past times are not sent again in local time.
UPDATE "campaigns" SET "scheduled_through" = now() WHERE "trigger" = 'scheduled' AND "status" IN ('scheduled', 'sending', 'paused');
