import type { z } from "zod";
import type { Db } from "@/db/client";
import type { responsysOptOutWriteBackRequested } from "../../jobs/events";
import { writeBackOptOut } from "../responsys-app/write-back-opt-out";
import { attemptWriteBack } from "./attempt-write-back";
import { findWriteBack } from "./queries";

type Request = z.output<(typeof responsysOptOutWriteBackRequested)["schema"]>;

/** One attempt at writing an opt-out to the Responsys profile list the number came from. */
export async function writeBackToResponsys(db: Db, { writeBackId }: Request, lastAttempt: boolean) {
  const writeBack = await findWriteBack(db, writeBackId);
  if (!writeBack) {
    // Requested from inside the consent's transaction: visible once it commits; never, if it rolled back.
    if (lastAttempt) return { outcome: "The consent change was never saved" };
    throw new Error(`Write-back ${writeBackId} is not visible yet: retrying once its transaction has committed`);
  }
  if (writeBack.status === "done") return { outcome: "Already written" };
  if (!writeBack.reference) throw new Error(`Write-back ${writeBackId} names no Responsys invocation`);
  const invocationId = writeBack.reference;
  return attemptWriteBack(
    db,
    writeBackId,
    lastAttempt,
    () => writeBackOptOut(db, invocationId, writeBack.address),
    (r) => r.outcome,
  );
}
