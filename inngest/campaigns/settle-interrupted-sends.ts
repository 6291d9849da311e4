import { cron } from "inngest";
import { getDb } from "@/db/client";
import { settleInterruptedSends } from "@/server/domains/campaign/settle-interrupted-sends";
import { inngest } from "@/server/jobs/client";

/** Every minute: messages an interrupted delivery run left claimed get their final state. */
export default inngest.createFunction(
  { id: "settle-interrupted-sends", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => step.run("settle", async () => settleInterruptedSends(await getDb())),
);
