import { cron } from "inngest";
import { getDb } from "@/db/client";
import { findSyncableMittoIntegrations } from "@/server/domains/template/reads";
import { syncTemplates, systemActor, type SyncResult } from "@/server/domains/template/sync-templates";
import { inngest } from "@/server/jobs/client";
import { templatesSyncRequested } from "@/server/jobs/events";

// Only Mitto is synced: Wavy documents no template-listing API, so Wavy templates stay as stored.
export default inngest.createFunction(
  {
    id: "sync-templates",
    triggers: [cron("23 */4 * * *"), templatesSyncRequested],
    // One run at a time: two syncs of one integration would only race on the same rows.
    concurrency: { limit: 1 },
  },
  async ({ event, step }) => {
    const db = await getDb();
    const requested = event.name === templatesSyncRequested.name ? event.data.integrationId : null;
    const ids = requested
      ? [requested]
      : await step.run("find-mitto-integrations", async () =>
          (await findSyncableMittoIntegrations(db)).map((i) => i.id),
        );
    // One step per integration, so each result is kept once done. The Mitto client already
    // retries 5xx and 429 with backoff, so the cron records what still failed for one
    // integration and goes on with the others; a requested sync fails its run instead.
    const results: Record<string, SyncResult | { error: string }> = {};
    for (const id of ids) {
      results[id] = await step.run(`sync-${id}`, async () => {
        try {
          return await syncTemplates(db, systemActor, id);
        } catch (error) {
          if (requested) throw error;
          return { error: (error as Error).message };
        }
      });
    }
    return { results };
  },
);
