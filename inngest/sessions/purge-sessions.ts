import { cron } from "inngest";
import { purgeSessions } from "@/server/auth/sessions";
import { inngest } from "@/server/jobs/client";
import { sessionsPurgeRequested } from "@/server/jobs/events";

// Expired and revoked sessions are kept a day for the audit trail, then deleted.
const KEEP_MS = 24 * 3_600_000;

export default inngest.createFunction(
  {
    id: "purge-sessions",
    triggers: [cron("17 * * * *"), sessionsPurgeRequested],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const purged = await step.run("delete-expired-sessions", () => purgeSessions(new Date(Date.now() - KEEP_MS)));
    return { purged };
  },
);
