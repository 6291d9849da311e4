import { schema, type Db, type Tx } from "@/db/client";
import { setMessageOutcomes, type MessageOutcome } from "./delivery-queries";

/**
 * An agent's reply as a message: the same row and status pipeline as a campaign's messages
 * (apply-message-status matches the vendor's reports to it by vendor id), with no campaign.
 * Recorded claimed before the vendor call, as deliver-messages claims a campaign's, so a crash
 * mid-send is settled as "outcome unknown" by settle-interrupted-sends, never resent; its
 * outcome is then set with setMessageOutcomes.
 */
export async function queueReplyMessage(
  tx: Tx,
  values: {
    workspaceId: string;
    contactId: string;
    integrationId: string;
    channel: "whatsapp" | "sms" | "email";
    toNumber: string;
    templateId: string | null;
    parameters: string[];
    body: string;
  },
) {
  const now = new Date();
  const [row] = await tx
    .insert(schema.messages)
    .values({
      ...values,
      occurrence: "reply",
      attempts: 1,
      claimedAt: now,
      // A reply's status shows in its conversation; there is no campaign field to write it to.
      statusWrittenAt: now,
    })
    .returning({ id: schema.messages.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

/** What the vendor said to a reply: sent with its vendor id, or failed with the reason. */
export async function settleReplyMessage(db: Db, outcome: MessageOutcome & { status: "sent" | "failed" }) {
  await setMessageOutcomes(db, [outcome]);
}
