import { and, eq, inArray, isNotNull, isNull, lte, ne, sql } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import { LAST_MESSAGE_STATUS } from "./schema";

const m = schema.messages;
const c = schema.campaigns;
const contacts = schema.contacts;
export const WRITE_BACK_BATCH = 1_000;

/**
 * Output parameters (as in Mitto's Responsys app): once a message's status timeout has passed, its
 * last status is written to the contact field the campaign names (the status column, or a custom
 * attribute), once. A batch per call, oldest first; rows taken by a concurrent run are skipped.
 * Returns the (contact, field) pairs written, for Responsys (push-statuses-to-responsys), which is
 * called after this transaction, never while it holds the rows.
 */
export async function writeBackStatuses(db: Db, now = new Date()) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: m.id, contactId: m.contactId, status: m.status, statusAt: m.statusAt, field: c.statusField })
      .from(m)
      .innerJoin(c, eq(c.id, m.campaignId))
      .where(
        and(
          isNull(m.statusWrittenAt),
          ne(m.status, "skipped"),
          // A test send says nothing about the contact (messages_write_back_idx leaves tests out).
          sql`not ${m.isTest}`,
          isNotNull(c.statusField),
          // A Responsys app service's status field is a column of Responsys's list, filled by
          // report-invocation, which also owns status_written_at of those messages.
          ne(c.trigger, "responsys_app"),
          isNotNull(m.contactId),
          lte(
            sql`${m.createdAt} + make_interval(mins => ${c.statusTimeoutMinutes})`,
            sql`${now.toISOString()}::timestamptz`,
          ),
        ),
      )
      .orderBy(m.createdAt)
      .limit(WRITE_BACK_BATCH)
      .for("update", { of: m, skipLocked: true });
    // The newest message per contact and field wins when one batch holds several.
    const latest = new Map<string, (typeof due)[number]>();
    for (const row of due) {
      const key = `${row.contactId} ${row.field}`;
      const seen = latest.get(key);
      if (!seen || seen.statusAt < row.statusAt) latest.set(key, row);
    }
    for (const row of latest.values()) {
      const contactId = row.contactId as string;
      if (row.field === LAST_MESSAGE_STATUS) {
        await tx
          .update(contacts)
          .set({ lastMessageStatus: row.status, lastMessageStatusAt: now, modifiedAt: now })
          .where(eq(contacts.id, contactId));
      } else {
        const key = (row.field ?? "").slice("attr:".length);
        await tx
          .update(contacts)
          .set({
            attributes: sql`${contacts.attributes} || jsonb_build_object(${key}::text, ${row.status}::text)`,
            modifiedAt: now,
          })
          .where(eq(contacts.id, contactId));
      }
    }
    if (due.length > 0)
      await tx
        .update(m)
        .set({ statusWrittenAt: now })
        .where(
          inArray(
            m.id,
            due.map((r) => r.id),
          ),
        );
    const changed = [...latest.values()].map((r) => ({ contactId: r.contactId as string, field: r.field as string }));
    return { written: due.length, more: due.length === WRITE_BACK_BATCH, changed };
  });
}
