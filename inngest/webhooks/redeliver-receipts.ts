import { cron } from "inngest";
import { getDb } from "@/db/client";
import { inngest } from "@/server/jobs/client";
import { redeliverStaleReceipts } from "@/server/webhooks/redeliver";

/** Every minute: vendor callbacks recorded but never processed are handed over again. */
export default inngest.createFunction(
  { id: "redeliver-webhook-receipts", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => step.run("redeliver", async () => redeliverStaleReceipts(await getDb())),
);
