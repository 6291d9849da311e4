import { schema, type Tx } from "@/db/client";

const m = schema.messages;

/** Queues a campaign's messages (or records them skipped); one already there is left alone, so a retry adds none twice. */
export async function insertMessages(tx: Tx, rows: (typeof m.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(m).values(rows).onConflictDoNothing().returning({ id: m.id, status: m.status });
}
