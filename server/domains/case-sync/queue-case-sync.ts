import { schema, type Db, type Tx } from "@/db/client";

const s = schema.caseSyncs;

/** A closed conversation's case, queued for the Salesforce sync once: an existing sync is left as it is. */
export async function queueCaseSync(db: Db | Tx, conversationId: string, integrationId: string) {
  await db.insert(s).values({ conversationId, integrationId }).onConflictDoNothing({ target: s.conversationId });
}
