import { cron } from "inngest";
import { getDb } from "@/db/client";
import { pushStatusesToResponsys } from "@/server/domains/campaign/push-statuses-to-responsys";
import { writeBackStatuses } from "@/server/domains/campaign/write-back-statuses";
import { inngest } from "@/server/jobs/client";

// Every minute, as many batches as are due (a step each, so each batch is kept once written).
// What a batch wrote goes to Responsys in a step of its own: no vendor call while the batch's
// transaction holds its rows, and a 5xx or 429 retries only the merge (an upsert) with the
// batch's memoized list of contacts.
export default inngest.createFunction(
  { id: "write-back-statuses", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => {
    let written = 0;
    for (let batch = 0; batch < 50; batch++) {
      const result = await step.run(`batch-${batch}`, async () => writeBackStatuses(await getDb()));
      written += result.written;
      if (result.changed.length > 0)
        await step.run(`responsys-${batch}`, async () => pushStatusesToResponsys(await getDb(), result.changed));
      if (!result.more) break;
    }
    return { written };
  },
);
