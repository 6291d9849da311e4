import { getDb } from "@/db/client";
import { writeBackToResponsys } from "@/server/domains/write-back/write-back-to-responsys";
import { inngest } from "@/server/jobs/client";
import { responsysOptOutWriteBackRequested } from "@/server/jobs/events";

const RETRIES = 5;

/**
 * An opt-out of a number that came from Responsys: the profile list's opt-in field follows,
 * retried with Inngest's backoff, each attempt recorded on the write-back row. Throttled per
 * workspace well under Responsys's merge limits (about 200 calls a minute, §2 of docs/vendors/responsys.md).
 */
export default inngest.createFunction(
  {
    id: "write-back-to-responsys",
    triggers: [responsysOptOutWriteBackRequested],
    idempotency: "event.data.writeBackId",
    throttle: { key: "event.data.workspaceId", limit: 2, period: "1s" },
    retries: RETRIES,
  },
  async ({ event, step, attempt }) =>
    step.run("write-back", async () => writeBackToResponsys(await getDb(), event.data, attempt >= RETRIES)),
);
