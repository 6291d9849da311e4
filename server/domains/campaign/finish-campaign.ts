import { and, eq, sql } from "drizzle-orm";
import { schema, type Db } from "@/db/client";

const c = schema.campaigns;
const m = schema.messages;

/** What a delivery run looks at every second: the campaign's status, and whether its integration may still send. */
export async function findDeliveryState(db: Db, campaignId: string) {
  const i = schema.integrations;
  const [row] = await db
    .select({
      status: c.status,
      integrationUsable: sql<boolean>`${i.id} is not null and ${i.status} <> 'disabled' and ${i.uninstalledAt} is null`,
    })
    .from(c)
    .leftJoin(i, eq(i.id, c.integrationId))
    .where(eq(c.id, campaignId));
  return row ?? null;
}

export async function findActivationCampaigns(db: Db, workspaceId: string) {
  const rows = await db
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), eq(c.trigger, "contact_activated"), eq(c.status, "active")));
  return rows.map((r) => r.id);
}

/**
 * A send is done when its whole audience was queued and no message is left queued: a one-off
 * campaign is then completed, a repeating one waits for its next time.
 */
export async function finishIfDone(db: Db, campaignId: string) {
  const rows = await db
    .update(c)
    .set({
      status: sql`case when ${c.schedule}->>'frequency' in ('daily', 'weekly') then 'scheduled'::campaign_status else 'completed'::campaign_status end`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(c.id, campaignId),
        eq(c.status, "sending"),
        sql`${c.queuedAt} is not null`,
        // A test send left queued by a crash is settled apart (settle-interrupted-sends); it holds up no send.
        sql`not exists (select 1 from ${m} where ${m.campaignId} = ${campaignId} and ${m.status} = 'queued' and not ${m.isTest})`,
      ),
    )
    .returning({ status: c.status });
  return rows[0]?.status ?? null;
}

export async function markAudienceQueued(db: Db, campaignId: string) {
  await db.update(c).set({ queuedAt: new Date() }).where(eq(c.id, campaignId));
  return finishIfDone(db, campaignId);
}
