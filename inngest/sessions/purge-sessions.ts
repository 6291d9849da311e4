import { cron } from "inngest";
import { purgeSessions } from "@/server/auth/sessions";
import { inngest } from "@/server/jobs/client";
import { sessionsPurgeRequested } from "@/server/jobs/events";

export default inngest.createFunction(
  {
    id: "purge-sessions",
    triggers: [cron("17 * * * *"), sessionsPurgeRequested],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    // Sign-ins stay traceable in login_attempts; ended sessions themselves serve no purpose.
    const purged = await step.run("delete-expired-sessions", () => purgeSessions(new Date()));
    return { purged };
  },
);
