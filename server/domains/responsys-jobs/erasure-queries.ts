import { eq } from "drizzle-orm";
import { schema, type Tx } from "@/db/client";

/** Deletes a contact's Responsys activity events (their payloads are the person's activity). */
export async function deleteActivityOf(tx: Tx, contactId: string) {
  const rows = await tx
    .delete(schema.activityEvents)
    .where(eq(schema.activityEvents.contactId, contactId))
    .returning({ id: schema.activityEvents.id });
  return rows.length;
}
