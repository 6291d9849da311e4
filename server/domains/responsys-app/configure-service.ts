import type { z } from "zod";
import type { Db } from "@/db/client";
import type { RecordDefinition } from "@/db/schema/responsys-app";
import { insertCampaign } from "../campaign/insert-campaign";
import { updateCampaignRow } from "../campaign/update-campaign-row";
import { placeholdersOf } from "../template/render";
import { auditAppChange } from "./audit";
import { updateService } from "./queries";
import { buildRecordDefinition } from "./record-definition";
import type { configureServiceInput } from "./schema";
import { serviceCampaignName } from "./service-campaign";
import { loadServiceContext } from "./service-context";

export type ServiceIssue = { field: string; message: string };
export type ConfigureServiceResult =
  { ok: true; recordDefinition: RecordDefinition } | { ok: false; issues: ServiceIssue[] };

/**
 * The service configuration page's Save. Every missing or unknown piece is named
 * at once and nothing changes while any remain. Otherwise the service's campaign (trigger
 * responsys_app, WhatsApp through the installation's Mitto account) is created or updated, the
 * record definition Responsys will send and expect is stored, and the service is configured.
 * List fields are Responsys's own column names: the campaign reads them from each invoked row.
 */
export async function configureService(
  db: Db,
  input: z.infer<typeof configureServiceInput>,
): Promise<ConfigureServiceResult> {
  const { app, service, mitto, senders, templates, listFields, campaign } = await loadServiceContext(db, input.session);
  const issues: ServiceIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  const isListField = (field: string) => listFields.includes(field);

  const sender = senders.find((s) => s.id === input.senderId);
  if (!input.senderId) add("senderId", "Choose the business account to send from");
  else if (!sender) add("senderId", `This business account is not an active one of ${mitto.label}`);
  if (!input.optInField) add("optInField", "Choose the opt-in field of the profile list");
  else if (!isListField(input.optInField)) add("optInField", `${input.optInField} is not a field of the profile list`);
  const template = templates.find((t) => t.id === input.templateId);
  if (!input.templateId) add("templateId", "Choose the WhatsApp template");
  else if (!template) add("templateId", `Choose an approved template of ${mitto.label}`);
  const keys = template ? placeholdersOf(template.body) : [];
  const placeholderFields = keys.map((_, i) => input.placeholderFields[i] ?? "");
  keys.forEach((key, i) => {
    const field = placeholderFields[i] ?? "";
    if (!field) add(`placeholderFields.${i}`, `Choose the list field for {{${key}}}`);
    else if (!isListField(field)) add(`placeholderFields.${i}`, `${field} is not a field of the profile list`);
  });
  const statusField = input.statusField || null;
  if (statusField && !isListField(statusField)) add("statusField", `${statusField} is not a field of the profile list`);
  if (issues.length > 0 || !sender || !template) return { ok: false, issues };

  const recordDefinition = buildRecordDefinition({ optInField: input.optInField, placeholderFields, statusField });
  const values = {
    name: serviceCampaignName(service),
    channel: "whatsapp" as const,
    trigger: "responsys_app" as const,
    integrationId: mitto.id,
    senderId: sender.id,
    templateId: template.id,
    optInField: input.optInField,
    placeholderMappings: placeholderFields.map((field) => ({ kind: "field" as const, field })),
    statusField,
    statusTimeoutMinutes: input.statusTimeoutMinutes,
  };
  await db.transaction(async (tx) => {
    const campaignId = campaign
      ? campaign.id
      : (
          await insertCampaign(tx, {
            ...values,
            workspaceId: app.workspaceId,
            status: "active",
            launchedAt: new Date(),
          })
        ).id;
    if (campaign) await updateCampaignRow(tx, campaign.id, values);
    await updateService(tx, service.id, { campaignId, recordDefinition, status: "configured" });
    await auditAppChange(
      tx,
      app.workspaceId,
      "service_configure",
      { type: "responsys_app_service", id: service.id },
      {
        instanceUuid: service.instanceUuid,
        installId: service.installId,
        campaignId,
        senderId: sender.id,
        templateId: template.id,
        optInField: input.optInField,
        placeholderFields,
        statusField,
        statusTimeoutMinutes: input.statusTimeoutMinutes,
      },
    );
  });
  return { ok: true, recordDefinition };
}
