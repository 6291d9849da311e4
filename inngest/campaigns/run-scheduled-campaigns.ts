import { cron } from "inngest";
import { getDb } from "@/db/client";
import { takeDueCampaigns } from "@/server/domains/campaign/run-scheduled-campaigns";
import { inngest } from "@/server/jobs/client";
import { campaignSendRequested } from "@/server/jobs/events";

// Seed 000 use case 2: scheduled bulk sends, checked every minute.
export default inngest.createFunction({ id: "run-scheduled-campaigns", triggers: [cron("* * * * *")], concurrency: { limit: 1 } }, async ({ step }) => {
  const due = await step.run("take-due", async () => takeDueCampaigns(await getDb()));
  if (due.length > 0) await step.sendEvent("start-sends", due.map((d) => campaignSendRequested.create({ ...d, contactId: null })));
  return { started: due.length };
});
