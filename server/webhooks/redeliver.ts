import type { Db } from "@/db/client";
import { env } from "../env";
import { inngest } from "../jobs/client";
import type { WebhookItem } from "../vendors/types";
import { takeStaleReceipts } from "./queries";
import { eventsFor } from "./receive";

const MAX_TIMES = 6;
const PER_RUN = 1_000;

/**
 * Vendor callbacks recorded but never processed, handed to the background jobs again: the
 * portal can die after recording a callback and before handing it over, and the engine can die
 * holding events it had accepted; the vendor, told the callback was received, does not send it
 * again. Processing is idempotent (each receipt is claimed once), so one handed over twice
 * changes nothing twice. Returns how many were handed over.
 */
export async function redeliverStaleReceipts(db: Db, now = new Date()) {
  const stale = await takeStaleReceipts(db, now, {
    minutes: env.INTERRUPTED_AFTER_MINUTES,
    maxTimes: MAX_TIMES,
    limit: PER_RUN,
  });
  if (stale.length === 0) return { redelivered: 0 };
  await inngest.send(
    eventsFor(
      stale.map((r) => ({
        item: JSON.parse(r.body) as WebhookItem,
        receiptId: r.id,
        target: { id: r.integrationId, workspaceId: r.workspaceId },
      })),
    ),
  );
  return { redelivered: stale.length };
}
