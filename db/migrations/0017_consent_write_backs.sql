CREATE TYPE "public"."write_back_status" AS ENUM('pending', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."write_back_target" AS ENUM('responsys', 'attentive');--> statement-breakpoint
CREATE TABLE "consent_write_backs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"consent_event_id" uuid NOT NULL,
	"target" "write_back_target" NOT NULL,
	"reference" text,
	"status" "write_back_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"outcome" text,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_write_backs" ADD CONSTRAINT "consent_write_backs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_write_backs" ADD CONSTRAINT "consent_write_backs_consent_event_id_consent_events_id_fk" FOREIGN KEY ("consent_event_id") REFERENCES "public"."consent_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consent_write_backs_key" ON "consent_write_backs" USING btree ("consent_event_id","target");--> statement-breakpoint
CREATE INDEX "consent_write_backs_status_idx" ON "consent_write_backs" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "messages_row_number_idx" ON "messages" USING btree ("workspace_id","to_number","created_at") WHERE "messages"."external_ref" is not null;