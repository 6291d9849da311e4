import { cron } from "inngest";
import { getDb } from "@/db/client";
import { findRunnableWorkspaces } from "@/server/domains/loyalty/reads";
import { inngest } from "@/server/jobs/client";
import { loyaltySmsRunRequested } from "@/server/jobs/events";

// The scheduled job that turns loyalty actions into texts. Every 5 minutes each
// workspace whose program is on gets a run (send-loyalty-sms), the same one "Run now" starts.
export default inngest.createFunction(
  { id: "schedule-loyalty-sms", triggers: [cron("*/5 * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => {
    const workspaces = await step.run("find-programs", async () => findRunnableWorkspaces(await getDb()));
    if (workspaces.length > 0)
      await step.sendEvent(
        "start-runs",
        workspaces.map((workspaceId) => loyaltySmsRunRequested.create({ workspaceId })),
      );
    return { started: workspaces.length };
  },
);
