import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { schema, type Db } from "@/db/client";
import type { messageStatusReceived } from "../../jobs/events";
import { claimReceipt } from "../../webhooks/queries";

type Received = z.output<(typeof messageStatusReceived)["schema"]>;

// How far along a message is. A status only ever moves up, so a late or duplicated callback
// ("sent" after "delivered") changes nothing; a delivery confirmed after a failure report wins.
const rank = { queued: 0, sent: 1, failed: 2, delivered: 3, read: 4, skipped: 5 } as const;

/** The vendor's message is not known yet: its send is still being recorded. Retried by the caller. */
export class MessageNotYetKnown extends Error {}

/**
 * A vendor's status callback applied to our message: every report kept in the message's
 * history, the current status moved only forward, the receipt marked processed. In one
 * transaction, so a retried run writes nothing twice.
 */
export async function applyMessageStatus(db: Db, { receiptId, integrationId, update }: Received) {
  const m = schema.messages;
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({ id: m.id, status: m.status })
      .from(m)
      .where(and(eq(m.integrationId, integrationId), eq(m.vendorMessageId, update.vendorMessageId)))
      .for("update");
    if (!message) throw new MessageNotYetKnown(`no message ${update.vendorMessageId} of integration ${integrationId} yet`);
    if (!(await claimReceipt(tx, receiptId))) return { messageId: message.id, status: message.status, moved: false };
    const occurredAt = new Date(update.occurredAt);
    await tx.insert(schema.messageStatusEvents).values({ messageId: message.id, status: update.status, vendorStatus: update.vendorStatus, errorCode: update.errorCode, errorMessage: update.errorMessage, occurredAt });
    const moved = rank[update.status] > rank[message.status];
    if (moved) {
      await tx
        .update(m)
        .set({ status: update.status, statusAt: occurredAt, errorCode: update.errorCode, errorMessage: update.errorMessage })
        .where(eq(m.id, message.id));
    }
    return { messageId: message.id, status: moved ? update.status : message.status, moved };
  });
}
