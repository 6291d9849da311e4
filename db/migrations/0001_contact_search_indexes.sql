CREATE INDEX "contacts_modified_idx" ON "contacts" USING btree ("workspace_id","modified_at","id");--> statement-breakpoint
CREATE INDEX "contacts_mobile_prefix_idx" ON "contacts" USING btree ("workspace_id","mobile_number" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contacts_email_prefix_idx" ON "contacts" USING btree ("workspace_id","email" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contacts_first_name_prefix_idx" ON "contacts" USING btree ("workspace_id",lower("first_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "contacts_last_name_prefix_idx" ON "contacts" USING btree ("workspace_id",lower("last_name") text_pattern_ops);