ALTER TABLE "contacts" ADD COLUMN "responsys_riid" text;--> statement-breakpoint
ALTER TABLE "activity_imports" ADD COLUMN "attached_by_riid" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_imports" ADD COLUMN "attached_by_email" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_imports" ADD COLUMN "attached_by_mobile" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_imports" ADD COLUMN "created" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_imports" ADD COLUMN "unmatched" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_imports" ADD COLUMN "unmatched_rows" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "contacts_responsys_riid_idx" ON "contacts" USING btree ("workspace_id","responsys_riid");