import type { Db } from "@/db/client";
import { messagingProfileOf } from "../../vendors/profiles";
import { findCampaignOptions } from "./queries";

/**
 * The choices of the campaign builder, for both roles: integration.list is admin-only because it
 * shows settings, so this lists labels, senders and templates only, never settings or secrets.
 * Each integration carries its channel and its active senders.
 */
export async function getCampaignOptions(db: Db, workspaceId: string) {
  const { integrations, senders, templates, segments, attributeKeys, timeZone } = await findCampaignOptions(
    db,
    workspaceId,
  );
  return {
    integrations: integrations.map((i) => ({
      id: i.id,
      label: i.label,
      vendor: i.vendor,
      vendorLabel: messagingProfileOf(i.vendor)?.label ?? i.vendor,
      channel: messagingProfileOf(i.vendor)?.channel,
      senders: senders
        .filter((s) => s.integrationId === i.id)
        .map((s) => ({ id: s.id, name: s.name, phoneNumber: s.phoneNumber })),
    })),
    templates,
    segments,
    attributeKeys,
    // Scheduled sends go out in each contact's own time zone; contacts without one use this.
    timeZone,
  };
}
export type CampaignOptions = Awaited<ReturnType<typeof getCampaignOptions>>;
