CREATE TABLE "erased_opt_outs" (
	"workspace_id" uuid NOT NULL,
	"channel" "channel" NOT NULL,
	"address_hash" text NOT NULL,
	"source" "consent_source" NOT NULL,
	"opted_out_at" timestamp (3) with time zone NOT NULL,
	"erased_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "erased_opt_outs_workspace_id_channel_address_hash_pk" PRIMARY KEY("workspace_id","channel","address_hash")
);
--> statement-breakpoint
ALTER TABLE "erased_opt_outs" ADD CONSTRAINT "erased_opt_outs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;