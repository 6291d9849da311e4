import type { Db } from "@/db/client";
import { loadServiceContext } from "./service-context";

/** What the service configuration page shows: the choices, and what was saved before. */
export async function getServiceConfiguration(db: Db, sessionToken: string) {
  const { service, mitto, senders, templates, listFields, campaign } = await loadServiceContext(db, sessionToken);
  return {
    instanceUuid: service.instanceUuid,
    programName: service.programName,
    mittoLabel: mitto.label,
    senders,
    templates,
    listFields,
    saved: campaign
      ? {
          senderId: campaign.senderId ?? "",
          optInField: campaign.optInField ?? "",
          templateId: campaign.templateId ?? "",
          placeholderFields: campaign.placeholderMappings.map((m) => (m.kind === "field" ? m.field : "")),
          statusField: campaign.statusField ?? "",
          statusTimeoutMinutes: campaign.statusTimeoutMinutes,
        }
      : null,
  };
}
export type ServiceConfiguration = Awaited<ReturnType<typeof getServiceConfiguration>>;
