import { cron } from "inngest";
import { getDb } from "@/db/client";
import { findJobsToImport } from "@/server/domains/responsys-jobs/scheduled-jobs";
import { inngest } from "@/server/jobs/client";
import { activityImportRequested } from "@/server/jobs/events";

/** Every 15 minutes each active activity import looks for new files in its SFTP folder. */
export default inngest.createFunction(
  { id: "schedule-activity-imports", triggers: [cron("*/15 * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => {
    const jobs = await step.run("find-imports", async () => findJobsToImport(await getDb()));
    if (jobs.length > 0)
      await step.sendEvent(
        "send-imports",
        jobs.map((jobId) => activityImportRequested.create({ jobId })),
      );
    return { started: jobs.length };
  },
);
