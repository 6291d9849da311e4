import { cron } from "inngest";
import { getDb } from "@/db/client";
import { takeDueCampaigns } from "@/server/domains/campaign/run-scheduled-campaigns";
import { inngest } from "@/server/jobs/client";
import { campaignSendRequested } from "@/server/jobs/events";

// Scheduled bulk sends in each recipient's time zone, checked every
// minute; each run starts a wave for the zones whose local send time has just come.
export default inngest.createFunction(
  { id: "run-scheduled-campaigns", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => {
    const waves = await step.run("take-due", async () => takeDueCampaigns(await getDb()));
    if (waves.length > 0)
      await step.sendEvent(
        "start-sends",
        waves.map((w) => campaignSendRequested.create({ ...w, contactId: null })),
      );
    return { started: waves.length };
  },
);
