import { NonRetriableError } from "inngest";
import type { Db } from "@/db/client";
import { recordWriteBackAttempt } from "./queries";

/**
 * Runs one attempt of a write-back and records it on its row: done with what it did, or the
 * error, pending while the function will be retried and failed once it will not (its last
 * attempt, or an error retrying cannot fix). The error is thrown on, so the function retries.
 */
export async function attemptWriteBack<T>(
  db: Db,
  writeBackId: string,
  lastAttempt: boolean,
  work: () => Promise<T>,
  outcomeOf: (result: T) => string,
): Promise<T> {
  try {
    const result = await work();
    await recordWriteBackAttempt(db, writeBackId, { status: "done", outcome: outcomeOf(result), lastError: null });
    return result;
  } catch (error) {
    const final = lastAttempt || error instanceof NonRetriableError;
    const message = error instanceof Error ? error.message : String(error);
    await recordWriteBackAttempt(db, writeBackId, {
      status: final ? "failed" : "pending",
      outcome: null,
      lastError: message.slice(0, 2000),
    });
    throw error;
  }
}
