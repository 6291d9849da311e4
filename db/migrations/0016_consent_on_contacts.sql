-- Each contact row carries its channels' current consent (issue 21), copied from consent_states
-- (the state per address, which stays the truth) by the two triggers below, in the same
-- transaction as every change to either side. Segment counts then filter on the contact row and
-- its indexes instead of joining a million contacts to consent_states.
ALTER TABLE "contacts" ADD COLUMN "whatsapp_consent" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "sms_consent" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "email_consent" text;--> statement-breakpoint
UPDATE "contacts" c SET "whatsapp_consent" = s."state" FROM "consent_states" s
  WHERE s."workspace_id" = c."workspace_id" AND s."channel" = 'whatsapp' AND s."address" = c."mobile_number";--> statement-breakpoint
UPDATE "contacts" c SET "sms_consent" = s."state" FROM "consent_states" s
  WHERE s."workspace_id" = c."workspace_id" AND s."channel" = 'sms' AND s."address" = c."mobile_number";--> statement-breakpoint
UPDATE "contacts" c SET "email_consent" = s."state" FROM "consent_states" s
  WHERE s."workspace_id" = c."workspace_id" AND s."channel" = 'email' AND s."address" = c."email";--> statement-breakpoint
-- A change of an address's state and a contact taking that address (created, or its number or
-- email changed) serialise on one transaction-scoped lock per workspace (one lock, not one per
-- address: a million-row insert would otherwise fill the lock table, and several locks taken in
-- different orders could deadlock). Each statement after the lock sees what the other side
-- committed, so neither can miss the other. Sends only read, so only consent and contact writes
-- of one workspace wait for each other, for as long as one such transaction takes.
CREATE FUNCTION "consent_states_to_contacts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(21, hashtext(NEW.workspace_id::text));
  IF NEW.channel = 'whatsapp' THEN
    UPDATE contacts SET whatsapp_consent = NEW.state
      WHERE workspace_id = NEW.workspace_id AND mobile_number = NEW.address AND whatsapp_consent IS DISTINCT FROM NEW.state;
  ELSIF NEW.channel = 'sms' THEN
    UPDATE contacts SET sms_consent = NEW.state
      WHERE workspace_id = NEW.workspace_id AND mobile_number = NEW.address AND sms_consent IS DISTINCT FROM NEW.state;
  ELSE
    UPDATE contacts SET email_consent = NEW.state
      WHERE workspace_id = NEW.workspace_id AND email = NEW.address AND email_consent IS DISTINCT FROM NEW.state;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "consent_states_to_contacts" AFTER INSERT OR UPDATE ON "consent_states"
  FOR EACH ROW EXECUTE FUNCTION "consent_states_to_contacts"();--> statement-breakpoint
CREATE FUNCTION "contacts_consent_from_states"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(21, hashtext(NEW.workspace_id::text));
  NEW.whatsapp_consent := (SELECT state FROM consent_states
    WHERE workspace_id = NEW.workspace_id AND channel = 'whatsapp' AND address = NEW.mobile_number);
  NEW.sms_consent := (SELECT state FROM consent_states
    WHERE workspace_id = NEW.workspace_id AND channel = 'sms' AND address = NEW.mobile_number);
  NEW.email_consent := (SELECT state FROM consent_states
    WHERE workspace_id = NEW.workspace_id AND channel = 'email' AND address = NEW.email);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "contacts_consent_from_states" BEFORE INSERT OR UPDATE OF "mobile_number", "email" ON "contacts"
  FOR EACH ROW EXECUTE FUNCTION "contacts_consent_from_states"();--> statement-breakpoint
CREATE INDEX "contacts_whatsapp_consent_idx" ON "contacts" USING btree ("workspace_id","whatsapp_consent");--> statement-breakpoint
CREATE INDEX "contacts_sms_consent_idx" ON "contacts" USING btree ("workspace_id","sms_consent");--> statement-breakpoint
CREATE INDEX "contacts_email_consent_idx" ON "contacts" USING btree ("workspace_id","email_consent");
