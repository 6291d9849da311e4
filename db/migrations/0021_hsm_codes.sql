ALTER TABLE "templates" ADD COLUMN "edited_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "retired_at" timestamp (3) with time zone;