CREATE TABLE "vendor_call_stats" (
	"integration_id" uuid NOT NULL,
	"operation" text NOT NULL,
	"hour" timestamp (3) with time zone NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"last_success_at" timestamp (3) with time zone,
	"last_failure_at" timestamp (3) with time zone,
	"last_failure" text,
	CONSTRAINT "vendor_call_stats_integration_id_hour_operation_pk" PRIMARY KEY("integration_id","hour","operation")
);
--> statement-breakpoint
ALTER TABLE "responsys_app_invocations" ADD COLUMN "attempt" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "responsys_app_invocations" ADD COLUMN "failed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "vendor_call_stats" ADD CONSTRAINT "vendor_call_stats_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("workspace_id","actor_user_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("workspace_id","action","at","id");--> statement-breakpoint
CREATE INDEX "audit_log_target_type_idx" ON "audit_log" USING btree ("workspace_id","target_type","at","id");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("workspace_id","target_id","at","id");--> statement-breakpoint
CREATE INDEX "responsys_app_invocations_workspace_idx" ON "responsys_app_invocations" USING btree ("workspace_id","received_at","id");