import { campaignMessagesQueued } from "../../jobs/events";
import { paceKeyOf } from "./pace";

// Messages per delivery run: one step sends them all, at the sender's pace, checking for a
// pause or cancel every second; a large chunk keeps Inngest's bookkeeping to a few steps per
// thousand recipients.
export const DELIVERY_CHUNK = 500;

/** The deliver-messages events for newly queued messages of a campaign, a chunk each. */
export function deliveryEvents(
  campaign: { campaignId: string; integrationId: string; senderId: string | null },
  messageIds: string[],
) {
  const { campaignId, integrationId, senderId } = campaign;
  return Array.from({ length: Math.ceil(messageIds.length / DELIVERY_CHUNK) }, (_, i) =>
    campaignMessagesQueued.create({
      campaignId,
      integrationId,
      paceKey: paceKeyOf(integrationId, senderId),
      messageIds: messageIds.slice(i * DELIVERY_CHUNK, (i + 1) * DELIVERY_CHUNK),
    }),
  );
}
