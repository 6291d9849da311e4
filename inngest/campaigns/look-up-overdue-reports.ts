import { cron } from "inngest";
import { getDb } from "@/db/client";
import { lookUpOverdueReports } from "@/server/domains/campaign/look-up-overdue-reports";
import { inngest } from "@/server/jobs/client";

/** Every minute: Mitto messages whose delivery report is overdue are looked up. */
export default inngest.createFunction(
  { id: "look-up-overdue-reports", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => step.run("look-up", async () => lookUpOverdueReports(await getDb())),
);
