import { placeholdersOf } from "../template/render";
import type { CampaignParts } from "./queries";
import type { CampaignRow } from "./reads";
import { campaignSchedule, contactFields } from "./schema";
import { messagingProfileOf, messagingProfiles, vendorsSending } from "../../vendors/profiles";

export type LaunchIssue = { field: string; message: string };

const whatsappVendorNames = () =>
  vendorsSending("whatsapp")
    .map((v) => messagingProfiles[v].label)
    .join(" or ");

/**
 * Every piece still missing or wrong before this campaign can send, each naming its field, so
 * the builder can show them all at once instead of one per attempt.
 */
export function checkLaunch(campaign: CampaignRow, parts: CampaignParts): LaunchIssue[] {
  const issues: LaunchIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  const { integration, sender, template, segment } = parts;

  if (!integration) add("integrationId", "Choose the integration to send through");
  else if (integration.uninstalledAt)
    add("integrationId", `${integration.label} was uninstalled; choose another integration`);
  else if (integration.status !== "active")
    add("integrationId", `${integration.label} is ${integration.status}; an admin must enable it first`);
  else if (campaign.channel === "email" || messagingProfileOf(integration.vendor)?.channel !== campaign.channel)
    add(
      "integrationId",
      `${integration.label} cannot send ${campaign.channel === "sms" ? "SMS" : "WhatsApp"} messages`,
    );

  if (campaign.channel === "whatsapp") {
    if (!sender) add("senderId", "Choose the business account (WhatsApp number) to send from");
    else if (integration && sender.integrationId !== integration.id)
      add("senderId", "This business account belongs to another integration");
    else if (!sender.active) add("senderId", `${sender.name} is no longer active; choose another business account`);

    // A dialer list names the template (hsm code) and its values on every line.
    if (campaign.trigger === "dialer") {
      if (integration && messagingProfileOf(integration.vendor)?.channel !== "whatsapp")
        add("integrationId", `Dialer lists send WhatsApp templates through ${whatsappVendorNames()}`);
    } else if (!template) add("templateId", "Choose the WhatsApp template");
    else {
      if (integration && template.integrationId !== integration.id)
        add("templateId", "This template belongs to another integration");
      if (template.status !== "APPROVED")
        add("templateId", `${template.name} is ${template.status.toLowerCase()}; only approved templates can be sent`);
      if (template.missingSince) add("templateId", `${template.name} no longer exists at the vendor`);
      if (template.retiredAt) add("templateId", `${template.name} was retired by an admin; choose another template`);
      // An HSM code kept by hand changed after this draft was last saved: its mappings and
      // text were chosen for the old body, so someone looks again and saves.
      else if (template.editedAt && template.editedAt > campaign.updatedAt)
        add(
          "templateId",
          `${template.name} was edited after this campaign was last saved; check its placeholders and preview, then save again`,
        );
      const expected = placeholdersOf(template.body).length;
      if (campaign.placeholderMappings.length !== expected) {
        add(
          "placeholderMappings",
          `${template.name} has ${expected} placeholder${expected === 1 ? "" : "s"}; map ${expected === 1 ? "it" : "each of them"} to a contact field or a fixed value`,
        );
      }
    }
  } else {
    if (campaign.trigger === "dialer")
      add("channel", "Dialer lists send WhatsApp templates; choose the WhatsApp channel");
    const body = campaign.smsBody?.trim() ?? "";
    if (!body) add("smsBody", "Write the SMS text");
    for (const [, key] of body.matchAll(/\{\{\s*([A-Za-z0-9_:.-]+)\s*\}\}/g)) {
      if (key && !(contactFields as readonly string[]).includes(key) && !key.startsWith("attr:"))
        add("smsBody", `{{${key}}} is not a contact field; use e.g. {{first_name}} or {{attr:tier}}`);
    }
  }

  if (campaign.trigger === "scheduled") {
    if (!segment) add("segmentId", "Choose the segment to send to");
    const schedule = campaignSchedule.safeParse(campaign.schedule);
    if (!schedule.success) add("schedule", "Set when to send: once, daily or weekly, with a date and time");
    else if (schedule.data.frequency !== "once" && !schedule.data.date)
      add("schedule", "A daily or weekly send needs its first date");
  }
  if (campaign.statusTimeoutMinutes > 0 && !campaign.statusField)
    add("statusField", "Choose the contact field that receives the last message status, or set the timeout to 0");
  return issues;
}
