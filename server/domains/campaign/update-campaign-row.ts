import { eq } from "drizzle-orm";
import { schema, type Tx } from "@/db/client";

const c = schema.campaigns;

/** Changes a campaign's row and stamps updatedAt; the callers (save, launch, the Responsys app's services) own the rules. */
export async function updateCampaignRow(tx: Tx, id: string, set: Partial<typeof c.$inferInsert>) {
  await tx
    .update(c)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(c.id, id));
}
