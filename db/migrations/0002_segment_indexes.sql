DROP INDEX "contact_consent_state_idx";--> statement-breakpoint
CREATE INDEX "contacts_workspace_id_idx" ON "contacts" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "contacts_attributes_idx" ON "contacts" USING gin ("attributes" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "messages_history_idx" ON "messages" USING btree ("contact_id","channel","status","status_at");--> statement-breakpoint
CREATE INDEX "contact_consent_state_idx" ON "contact_consent" USING btree ("channel","state","contact_id");