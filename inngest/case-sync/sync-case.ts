import { NonRetriableError } from "inngest";
import { getDb } from "@/db/client";
import { isTransient, syncCase } from "@/server/domains/case-sync/sync-case";
import { inngest } from "@/server/jobs/client";
import { caseSyncRetryRequested, conversationClosed } from "@/server/jobs/events";

/**
 * Opens the Salesforce case of a closed conversation.
 *
 * Duplicates are handled in three layers: the close event is sent with the id
 * conversation-closed-<id>, which Inngest deduplicates; one run per conversation at a time
 * (concurrency keyed on it), so two runs never race on one case; and syncCase itself is
 * idempotent and resumable through the case_syncs row. There is deliberately no function-level
 * `idempotency` key on the conversation: it would swallow the Retry button's event for 24 hours.
 */
export default inngest.createFunction(
  {
    id: "sync-case",
    triggers: [conversationClosed, caseSyncRetryRequested],
    concurrency: { limit: 1, key: "event.data.conversationId" },
    // Salesforce's own hiccups (5xx, 429, timeouts) after the adapter's retries: back off and
    // resume where the last attempt stopped.
    retries: 4,
  },
  async ({ event, step }) =>
    step.run("sync", async () => {
      try {
        return await syncCase(await getDb(), event.data.conversationId);
      } catch (error) {
        if (isTransient(error)) throw error;
        throw new NonRetriableError((error as Error).message, { cause: error });
      }
    }),
);
