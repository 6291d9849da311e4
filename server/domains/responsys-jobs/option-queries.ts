// What the job forms offer (get-job-options): Responsys integrations, segments and contact attribute keys.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import { rowsOf } from "../../lib/raw-rows";

const c = schema.contacts;

export function findResponsysIntegrations(db: Db, workspaceId: string) {
  return db
    .select({
      id: schema.integrations.id,
      label: schema.integrations.label,
      config: schema.integrations.config,
      status: schema.integrations.status,
      sandbox: schema.integrations.sandbox,
    })
    .from(schema.integrations)
    .where(
      and(
        eq(schema.integrations.workspaceId, workspaceId),
        eq(schema.integrations.vendor, "responsys"),
        isNull(schema.integrations.uninstalledAt),
      ),
    )
    .orderBy(asc(schema.integrations.label));
}

export function findSegmentChoices(db: Db, workspaceId: string) {
  return db
    .select({ id: schema.segments.id, name: schema.segments.name })
    .from(schema.segments)
    .where(eq(schema.segments.workspaceId, workspaceId))
    .orderBy(asc(schema.segments.name))
    .limit(1_000);
}

/** Custom attribute keys in use, from a sample of contacts (enough for a picker). */
export async function findAttributeKeys(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await rowsOf<{ key: string }>(
    db,
    sql`select distinct jsonb_object_keys(sample.attrs) as key from (select ${c.attributes} as attrs from ${c} where ${c.workspaceId} = ${workspaceId} limit 5000) sample order by 1 limit 200`,
  );
  return rows.map((r) => r.key);
}
