// What each audited action and object reads as on the audit log page and in its CSV. Plain data:
// the browser imports it. An action missing here (a new one) reads as its code, never hidden.

export const auditActionLabels: Record<string, string> = {
  "audience_job.create": "Created a Responsys job",
  "audience_job.delete": "Deleted a Responsys job",
  "audience_job.pause": "Paused a Responsys job",
  "audience_job.resume": "Resumed a Responsys job",
  "activity_import.export_unmatched": "Downloaded an activity file's unmatched rows",
  "audit.export": "Exported the audit log",
  "campaign.create": "Created a campaign",
  "campaign.update": "Edited a campaign",
  "campaign.launch": "Launched a campaign",
  "campaign.pause": "Paused a campaign",
  "campaign.resume": "Resumed a campaign",
  "campaign.cancel": "Cancelled a campaign",
  "campaign.duplicate": "Duplicated a campaign",
  "campaign.dialer_upload": "Uploaded a dialer list",
  "campaign.export_messages": "Exported a campaign's recipients",
  "case_sync.retry": "Retried a case sync",
  "contact.create": "Created a contact",
  "contact.update": "Edited a contact",
  "contact.resubscribe": "Re-subscribed a contact",
  "contact.import_start": "Started a contact import",
  "contact.import_done": "Finished a contact import",
  "contact.import_fail": "A contact import failed",
  "conversation.reply": "Replied in a conversation",
  "conversation.close": "Closed a conversation",
  "integration.create": "Connected an integration",
  "integration.reconfigure": "Reconfigured an integration",
  "integration.enable": "Enabled an integration",
  "integration.disable": "Disabled an integration",
  "integration.uninstall": "Uninstalled an integration",
  "integration.sender_pace": "Changed a sender's pace",
  "loyalty.save_program": "Saved the loyalty program",
  "responsys_app.install": "Installed the Responsys app",
  "responsys_app.uninstall": "Uninstalled the Responsys app",
  "responsys_app.configure": "Configured the Responsys app",
  "responsys_app.service_create": "Created a Responsys service",
  "responsys_app.service_copy": "Copied a Responsys service",
  "responsys_app.service_configure": "Configured a Responsys service",
  "responsys_app.service_delete": "Deleted a Responsys service",
  "responsys_app.invocation_retry": "Retried a Responsys invocation",
  "segment.create": "Created a segment",
  "segment.update": "Edited a segment",
  "segment.delete": "Deleted a segment",
  "segment.push_annex": "Pushed a segment to Annex Cloud",
  "segment.export_attentive_csv": "Exported a segment for Attentive",
  "sessions.purge_requested": "Purged expired sessions",
  "template.sync": "Synced templates",
  "user.invite": "Invited a user",
  "user.change_role": "Changed a user's role",
  "user.enable": "Enabled a user",
  "user.disable": "Disabled a user",
  "workspace.seed_demo": "Created the demo workspace",
  "workspace.set_time_zone": "Changed the time zone",
  "workspace.update_keywords": "Changed the consent keywords",
  "workspace.rotate_desk_token": "Rotated the desk token",
};

export const auditActionLabel = (action: string) => auditActionLabels[action] ?? action;

export const auditTargetLabels: Record<string, string> = {
  audience_job: "Responsys job",
  activity_import: "Responsys activity file",
  campaign: "Campaign",
  contact: "Contact",
  contact_import: "Contact import",
  conversation: "Conversation",
  integration: "Integration",
  loyalty_program: "Loyalty program",
  responsys_app_install: "Responsys app install",
  responsys_app_service: "Responsys service",
  responsys_app_invocation: "Responsys invocation",
  segment: "Segment",
  sessions: "Sessions",
  user: "User",
  workspace: "Workspace",
};

export const auditTargetLabel = (type: string) => auditTargetLabels[type] ?? type;

/** The page an audited object has, if any. */
export function auditTargetHref(type: string, id: string | null): string | null {
  if (!id) return null;
  const byType: Record<string, string> = {
    audience_job: `/responsys-jobs/${id}`,
    campaign: `/campaigns/${id}`,
    contact: `/contacts/${id}`,
    conversation: `/conversations/${id}`,
    integration: `/integrations/${id}`,
    responsys_app_invocation: `/responsys-invocations/${id}`,
    segment: `/segments/${id}`,
    user: "/settings",
    workspace: "/settings",
    loyalty_program: "/loyalty",
  };
  return byType[type] ?? null;
}

/** Who acted, for a row whose person may be gone or was never one (a job, a vendor). */
export const actorOf = (r: { actorName: string | null; actorKind: string }) =>
  r.actorName ?? (r.actorKind === "vendor" ? "A vendor" : r.actorKind === "system" ? "Switchboard" : "A removed user");
