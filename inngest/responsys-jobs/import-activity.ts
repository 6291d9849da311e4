import { getDb } from "@/db/client";
import { importActivity } from "@/server/domains/responsys-jobs/import-activity";
import { inngest } from "@/server/jobs/client";
import { activityImportRequested } from "@/server/jobs/events";

/** Reads an import job's new Responsys activity files; one run per job at a time. */
export default inngest.createFunction(
  {
    id: "import-activity",
    triggers: [activityImportRequested],
    concurrency: [{ key: "event.data.jobId", limit: 1 }],
    retries: 3,
  },
  async ({ event, step }) => step.run("import", async () => importActivity(await getDb(), event.data.jobId)),
);
