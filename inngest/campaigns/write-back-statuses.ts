import { cron } from "inngest";
import { getDb } from "@/db/client";
import { writeBackStatuses } from "@/server/domains/campaign/write-back-statuses";
import { inngest } from "@/server/jobs/client";

// Every minute, as many batches as are due (a step each, so each batch is kept once written).
export default inngest.createFunction({ id: "write-back-statuses", triggers: [cron("* * * * *")], concurrency: { limit: 1 } }, async ({ step }) => {
  let written = 0;
  for (let batch = 0; batch < 50; batch++) {
    const result = await step.run(`batch-${batch}`, async () => writeBackStatuses(await getDb()));
    written += result.written;
    if (!result.more) break;
  }
  return { written };
});
