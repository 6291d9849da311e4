import { and, asc, inArray, sql } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import type { StatusReport } from "../../jobs/events";
import { claimReceipts, dropReceipts } from "../../webhooks/queries";

// How far along a message is. A status only ever moves up, so a late or duplicated callback
// ("sent" after "delivered") changes nothing; a delivery confirmed after a failure report wins.
const rank = { queued: 0, sent: 1, failed: 2, delivered: 3, read: 4, skipped: 5 } as const;

const m = schema.messages;
const keyOf = (integrationId: string, vendorMessageId: string) => `${integrationId} ${vendorMessageId}`;

/**
 * Vendors' status callbacks applied to our messages, a batch in one transaction: every new
 * report kept in its message's history, each message's status moved only forward (to the
 * furthest status reported, so order within and across batches does not matter), the receipts
 * marked processed, so a retried batch writes nothing twice. The messages are locked in id
 * order, so batches running side by side wait for each other instead of deadlocking. Reports
 * whose message is not known yet (the vendor reported before our send recorded its id) are
 * returned for the caller to try again.
 */
export async function applyMessageStatuses(db: Db, batch: StatusReport[]) {
  // An event Inngest delivered twice into one batch counts once.
  const reports = [...new Map(batch.map((r) => [r.receiptId, r])).values()];
  if (reports.length === 0) return { applied: 0, unknown: [] };
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: m.id, status: m.status, integrationId: m.integrationId, vendorMessageId: m.vendorMessageId })
      .from(m)
      .where(
        and(
          inArray(m.integrationId, [...new Set(reports.map((r) => r.integrationId))]),
          inArray(
            m.vendorMessageId,
            reports.map((r) => r.update.vendorMessageId),
          ),
        ),
      )
      .orderBy(asc(m.id))
      .for("update");
    const messages = new Map(rows.map((row) => [keyOf(row.integrationId, row.vendorMessageId ?? ""), row]));
    const unknown = reports.filter((r) => !messages.has(keyOf(r.integrationId, r.update.vendorMessageId)));
    const claimed = await claimReceipts(
      tx,
      reports.filter((r) => !unknown.includes(r)).map((r) => r.receiptId),
    );
    const fresh = reports
      .filter((r) => claimed.has(r.receiptId))
      .map((r) => ({ ...r, message: messages.get(keyOf(r.integrationId, r.update.vendorMessageId))! }));
    if (fresh.length === 0) return { applied: 0, unknown };

    await tx.insert(schema.messageStatusEvents).values(
      fresh.map(({ message, update }) => ({
        messageId: message.id,
        status: update.status,
        vendorStatus: update.vendorStatus,
        errorCode: update.errorCode,
        errorMessage: update.errorMessage,
        occurredAt: new Date(update.occurredAt),
      })),
    );
    // Each message's furthest report, when it is further than where the message is.
    const furthest = new Map<string, (typeof fresh)[number]>();
    for (const report of fresh) {
      const best = furthest.get(report.message.id);
      if (rank[report.update.status] > rank[best?.update.status ?? report.message.status])
        furthest.set(report.message.id, report);
    }
    if (furthest.size > 0) {
      const values = sql.join(
        [...furthest.values()].map(
          ({ message, update }) =>
            sql`(${message.id}::uuid, ${update.status}::message_status, ${update.occurredAt}::timestamptz, ${update.errorCode}::text, ${update.errorMessage}::text)`,
        ),
        sql`, `,
      );
      await tx.execute(sql`
        update ${m} set status = v.status, status_at = v.status_at, error_code = v.error_code, error_message = v.error_message
        from (values ${values}) as v(id, status, status_at, error_code, error_message)
        where ${m.id} = v.id`);
    }
    return { applied: fresh.length, unknown };
  });
}

/**
 * Status reports whose message never appeared after the bounded wait (apply-message-status):
 * each receipt is marked processed with the reason, once, so it is neither retried nor handed
 * over again. Reports for ids we never sent (another system on the same account) end here.
 */
export async function dropUnknownReports(db: Db, reports: StatusReport[], waitedMs: number) {
  const reason = `No message has this vendor id after waiting ${Math.round(waitedMs / 1000)} s: a report for a message this workspace did not send, or whose send was never recorded`;
  return dropReceipts(
    db,
    reports.map((r) => r.receiptId),
    reason,
  );
}
