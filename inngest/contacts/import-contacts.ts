import { NonRetriableError } from "inngest";
import { getDb } from "@/db/client";
import { finishImport } from "@/server/domains/contact/finish-import";
import { importChunk, type ChunkStart } from "@/server/domains/contact/import-chunk";
import { prepareImportRun } from "@/server/domains/contact/prepare-import-run";
import { inngest } from "@/server/jobs/client";
import { contactActivated, contactImportRequested } from "@/server/jobs/events";

// Inngest allows 1,000 steps and 32 MB of step results per run. Each chunk is two steps (the
// rows, then the activation events) and returns up to a chunk's contact ids, so a run does at
// most this many chunks and then continues in a new run of the same event: a million rows are
// ten runs of 100,000.
export const CHUNKS_PER_RUN = 100;

export default inngest.createFunction(
  {
    id: "import-contacts",
    triggers: [contactImportRequested],
    // One run per import at a time: a continuation waits for the run that sent it to end.
    concurrency: { key: "event.data.importId", limit: 1 },
  },
  async ({ event, step }) => {
    const db = await getDb();
    const { importId } = event.data;
    let start: ChunkStart | null = null;
    try {
      const run = await step.run("prepare", () => prepareImportRun(db, importId));
      if (!run) return { status: "not-importing" };
      start = run.start;
      for (let chunks = 0; start; chunks++) {
        if (chunks === CHUNKS_PER_RUN) {
          await step.sendEvent("continue", contactImportRequested.create({ importId }));
          return { status: "continued", processed: start.index };
        }
        const from: ChunkStart = start;
        // One step per chunk of rows, never per row; each commits its rows and counts together.
        const chunk = await step.run(`rows-${from.index}`, () => importChunk(db, importId, from));
        // Committed: from here a failure is reported after these rows, not before them.
        start = chunk.next;
        const { workspaceId, inserted } = chunk;
        if (workspaceId && inserted.length > 0) {
          // The event id makes a resent event (a retried step) count once for campaigns.
          const events = inserted.map((contactId) =>
            contactActivated.create(
              { workspaceId, contactId, source: "import" },
              { id: `contact-activated-${contactId}` },
            ),
          );
          await step.sendEvent(`activate-${from.index}`, events);
        }
      }
      const done = await step.run("finish", () => finishImport(db, importId));
      return { status: done?.status ?? "not-importing", counts: done?.counts };
    } catch (error) {
      // A step failed after its retries. Earlier chunks are committed and counted; this one is not.
      // Where the first row not applied starts; the end of the file when only the finish failed.
      const line = start?.position.line ?? 1;
      const reason = `The import stopped at line ${line}: ${(error as Error).message}. Rows before that line were imported as counted; later rows were not.`;
      await step.run("mark-failed", () => finishImport(db, importId, { line, reason }));
      throw new NonRetriableError(reason, { cause: error });
    }
  },
);
