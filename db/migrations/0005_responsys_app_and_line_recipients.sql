CREATE TYPE "public"."responsys_install_status" AS ENUM('installed', 'configured', 'uninstalled');--> statement-breakpoint
CREATE TYPE "public"."responsys_invocation_status" AS ENUM('received', 'queued', 'reporting', 'completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."responsys_service_status" AS ENUM('created', 'configured', 'deleted');--> statement-breakpoint
ALTER TYPE "public"."vendor" ADD VALUE 'responsys_app';--> statement-breakpoint
CREATE TABLE "responsys_app_installs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"app_integration_id" uuid NOT NULL,
	"install_id" text NOT NULL,
	"tenant_id" text,
	"location" text,
	"status" "responsys_install_status" DEFAULT 'installed' NOT NULL,
	"mitto_integration_id" uuid,
	"installed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responsys_app_invocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"uuid" text NOT NULL,
	"app_id" text NOT NULL,
	"install_id" text NOT NULL,
	"instance_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"secret" text NOT NULL,
	"output_parameters" jsonb NOT NULL,
	"data_set_id" text NOT NULL,
	"size" integer NOT NULL,
	"inline_rows" jsonb,
	"export_endpoint" jsonb,
	"import_endpoint" jsonb NOT NULL,
	"completion_endpoint" jsonb,
	"max_pull_page_size" integer NOT NULL,
	"max_push_batch_size" integer NOT NULL,
	"status" "responsys_invocation_status" DEFAULT 'received' NOT NULL,
	"rows_pushed" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "responsys_app_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"app_integration_id" uuid NOT NULL,
	"instance_uuid" text NOT NULL,
	"install_id" text,
	"program_name" text,
	"list_fields" text[] DEFAULT '{}' NOT NULL,
	"campaign_id" uuid,
	"record_definition" jsonb,
	"status" "responsys_service_status" DEFAULT 'created' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "responsys_app_installs" ADD CONSTRAINT "responsys_app_installs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsys_app_installs" ADD CONSTRAINT "responsys_app_installs_app_integration_id_integrations_id_fk" FOREIGN KEY ("app_integration_id") REFERENCES "public"."integrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsys_app_installs" ADD CONSTRAINT "responsys_app_installs_mitto_integration_id_integrations_id_fk" FOREIGN KEY ("mitto_integration_id") REFERENCES "public"."integrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsys_app_invocations" ADD CONSTRAINT "responsys_app_invocations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsys_app_invocations" ADD CONSTRAINT "responsys_app_invocations_service_id_responsys_app_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."responsys_app_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsys_app_invocations" ADD CONSTRAINT "responsys_app_invocations_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsys_app_services" ADD CONSTRAINT "responsys_app_services_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsys_app_services" ADD CONSTRAINT "responsys_app_services_app_integration_id_integrations_id_fk" FOREIGN KEY ("app_integration_id") REFERENCES "public"."integrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsys_app_services" ADD CONSTRAINT "responsys_app_services_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "responsys_app_installs_key" ON "responsys_app_installs" USING btree ("app_integration_id","install_id");--> statement-breakpoint
CREATE UNIQUE INDEX "responsys_app_invocations_key" ON "responsys_app_invocations" USING btree ("service_id","uuid");--> statement-breakpoint
CREATE INDEX "responsys_app_invocations_open_idx" ON "responsys_app_invocations" USING btree ("status","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "responsys_app_services_key" ON "responsys_app_services" USING btree ("app_integration_id","instance_uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_external_key" ON "messages" USING btree ("campaign_id","occurrence","external_ref");