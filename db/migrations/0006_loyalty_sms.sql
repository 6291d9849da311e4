CREATE TYPE "public"."loyalty_action_type" AS ENUM('points_earned', 'reward_redeemed', 'tier_change');--> statement-breakpoint
CREATE TYPE "public"."loyalty_sms_status" AS ENUM('pending', 'sending', 'sent', 'failed', 'skipped');--> statement-breakpoint
CREATE TABLE "loyalty_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"annex_site_id" text NOT NULL,
	"external_id" text NOT NULL,
	"contact_id" uuid,
	"type" "loyalty_action_type" NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"status" "loyalty_sms_status" DEFAULT 'pending' NOT NULL,
	"to_number" text,
	"body" text,
	"reason_code" text,
	"reason" text,
	"claimed_at" timestamp (3) with time zone,
	"status_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_programs" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"integration_id" uuid NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled_at" timestamp (3) with time zone,
	"pull_cursor" uuid,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "loyalty_actions" ADD CONSTRAINT "loyalty_actions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_actions" ADD CONSTRAINT "loyalty_actions_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_programs" ADD CONSTRAINT "loyalty_programs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_programs" ADD CONSTRAINT "loyalty_programs_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_programs" ADD CONSTRAINT "loyalty_programs_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_actions_once_key" ON "loyalty_actions" USING btree ("workspace_id","annex_site_id","external_id");--> statement-breakpoint
CREATE INDEX "loyalty_actions_recent_idx" ON "loyalty_actions" USING btree ("workspace_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "loyalty_actions_open_idx" ON "loyalty_actions" USING btree ("workspace_id","occurred_at") WHERE "loyalty_actions"."status" in ('pending', 'sending');