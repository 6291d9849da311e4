CREATE TABLE "activity_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"source" text NOT NULL,
	"account_id" text,
	"lines" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"imported_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audience_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"size" integer NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"error" text,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audience_members" (
	"job_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"entered_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"riid" text,
	CONSTRAINT "audience_members_job_id_contact_id_pk" PRIMARY KEY("job_id","contact_id")
);
--> statement-breakpoint
ALTER TABLE "audience_jobs" ADD COLUMN "total_failed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audience_jobs" ADD COLUMN "batch_timeout_seconds" integer DEFAULT 600 NOT NULL;--> statement-breakpoint
ALTER TABLE "audience_jobs" ADD COLUMN "reconciled_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "audience_jobs" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "audience_queue" ADD COLUMN "claimed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "audience_queue" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "audience_queue" ADD COLUMN "riid" text;--> statement-breakpoint
ALTER TABLE "activity_imports" ADD CONSTRAINT "activity_imports_job_id_audience_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."audience_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audience_batches" ADD CONSTRAINT "audience_batches_job_id_audience_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."audience_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audience_members" ADD CONSTRAINT "audience_members_job_id_audience_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."audience_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audience_members" ADD CONSTRAINT "audience_members_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activity_imports_source_key" ON "activity_imports" USING btree ("job_id","source");--> statement-breakpoint
CREATE INDEX "audience_batches_job_idx" ON "audience_batches" USING btree ("job_id","created_at");--> statement-breakpoint
CREATE INDEX "audience_queue_batch_idx" ON "audience_queue" USING btree ("batch_id");