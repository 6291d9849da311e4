import { schema, type Tx } from "@/db/client";

const c = schema.campaigns;

/** Creates a campaign and returns its id: the portal's Save and the Responsys app's services create theirs through it. */
export async function insertCampaign(tx: Tx, values: typeof c.$inferInsert) {
  const [row] = await tx.insert(c).values(values).returning({ id: c.id });
  if (!row) throw new Error("insert returned no row");
  return row;
}
