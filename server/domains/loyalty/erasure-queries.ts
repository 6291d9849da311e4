import { and, eq, or } from "drizzle-orm";
import { schema, type Tx } from "@/db/client";

const la = schema.loyaltyActions;

/** Strips the number and text of a contact's loyalty texts; the action and its outcome stay. */
export async function stripLoyaltyTextsOf(tx: Tx, workspaceId: string, contactId: string, number: string | null) {
  const rows = await tx
    .update(la)
    .set({ contactId: null, toNumber: null, body: null })
    .where(
      and(
        eq(la.workspaceId, workspaceId),
        or(eq(la.contactId, contactId), number ? eq(la.toNumber, number) : undefined),
      ),
    )
    .returning({ id: la.id });
  return rows.length;
}
