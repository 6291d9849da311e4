import { campaignMessagesQueued } from "../../jobs/events";

// Messages per delivery run: small enough that a pause or cancel takes effect within seconds.
export const DELIVERY_CHUNK = 20;

/** The deliver-messages events for newly queued messages of a campaign, a chunk each. */
export function deliveryEvents(campaignId: string, integrationId: string, messageIds: string[]) {
  return Array.from({ length: Math.ceil(messageIds.length / DELIVERY_CHUNK) }, (_, i) =>
    campaignMessagesQueued.create({ campaignId, integrationId, messageIds: messageIds.slice(i * DELIVERY_CHUNK, (i + 1) * DELIVERY_CHUNK) }),
  );
}
