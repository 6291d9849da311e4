-- Consent moves from contacts to addresses (issue 16): the ledger names the workspace, channel
-- and address (E.164 number, or email) of each event, contact_id becomes provenance only, and
-- the current state is kept per address in consent_states instead of per contact.
ALTER TABLE "consent_events" DROP CONSTRAINT "consent_events_contact_id_contacts_id_fk";--> statement-breakpoint
DROP INDEX "consent_events_contact_idx";--> statement-breakpoint
ALTER TABLE "consent_events" ALTER COLUMN "contact_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "workspace_id" uuid;--> statement-breakpoint
ALTER TABLE "consent_events" ADD COLUMN "address" text;--> statement-breakpoint
UPDATE "consent_events" e SET "workspace_id" = c."workspace_id",
  "address" = CASE WHEN e."channel" = 'email' THEN c."email" ELSE c."mobile_number" END
  FROM "contacts" c WHERE c."id" = e."contact_id";--> statement-breakpoint
-- Events of a contact with no address on that channel name nothing that could be messaged.
DELETE FROM "consent_events" WHERE "address" IS NULL;--> statement-breakpoint
ALTER TABLE "consent_events" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_events" ALTER COLUMN "address" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_events_address_idx" ON "consent_events" USING btree ("workspace_id","channel","address","at");--> statement-breakpoint
CREATE TABLE "consent_states" (
	"workspace_id" uuid NOT NULL,
	"channel" "channel" NOT NULL,
	"address" text NOT NULL,
	"state" text NOT NULL,
	"source" "consent_source" NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "consent_states_workspace_id_channel_address_pk" PRIMARY KEY("workspace_id","channel","address")
);
--> statement-breakpoint
ALTER TABLE "consent_states" ADD CONSTRAINT "consent_states_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_states_state_idx" ON "consent_states" USING btree ("workspace_id","channel","state","address");--> statement-breakpoint
-- The current state of each address: its newest event, an opt-out winning a tie.
INSERT INTO "consent_states" ("workspace_id", "channel", "address", "state", "source", "at")
  SELECT DISTINCT ON ("workspace_id", "channel", "address") "workspace_id", "channel", "address", "state", "source", "at"
  FROM "consent_events"
  ORDER BY "workspace_id", "channel", "address", "at" DESC, ("state" = 'opt_out') DESC;--> statement-breakpoint
DROP TABLE "contact_consent" CASCADE;
