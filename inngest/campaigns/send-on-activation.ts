import { getDb } from "@/db/client";
import { findActivationCampaigns } from "@/server/domains/campaign/finish-campaign";
import { inngest } from "@/server/jobs/client";
import { campaignSendRequested, contactActivated } from "@/server/jobs/events";

/** Event-triggered sends: every active "contact activated" campaign sends to each new contact. */
export default inngest.createFunction(
  { id: "send-on-activation", triggers: [contactActivated], idempotency: "event.data.contactId" },
  async ({ event, step }) => {
    const campaigns = await step.run("find-campaigns", async () =>
      findActivationCampaigns(await getDb(), event.data.workspaceId),
    );
    if (campaigns.length > 0) {
      await step.sendEvent(
        "start-sends",
        campaigns.map((id) =>
          campaignSendRequested.create({ campaignId: id, occurrence: "activation", contactId: event.data.contactId }),
        ),
      );
    }
    return { campaigns: campaigns.length };
  },
);
