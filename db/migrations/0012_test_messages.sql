DROP INDEX "messages_write_back_idx";--> statement-breakpoint
DROP INDEX "messages_history_idx";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "is_test" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Test sends made before this column were recorded with the occurrence "test:<time>".
UPDATE "messages" SET "is_test" = true WHERE "occurrence" LIKE 'test:%';--> statement-breakpoint
CREATE INDEX "messages_write_back_idx" ON "messages" USING btree ("created_at") WHERE "messages"."status_written_at" is null and "messages"."status" <> 'skipped' and not "messages"."is_test";--> statement-breakpoint
CREATE INDEX "messages_history_idx" ON "messages" USING btree ("contact_id","channel","status","status_at") WHERE not "messages"."is_test";