import { and, eq, ne, sql } from "drizzle-orm";
import { schema, type Tx } from "@/db/client";

const inv = schema.responsysAppInvocations;

/**
 * Blanks every cell of the inline invocation rows that mention `value` (a number's digits), in
 * the workspace's invocations whose rows were all queued (past "received"): rows are positional
 * and read by offset while queueing, so a row keeps its place, and one not yet queued is left to
 * be queued, and skipped if opted out, as any other.
 */
export async function blankInvocationRowsMentioning(tx: Tx, workspaceId: string, value: string) {
  const pattern = `%${value.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const rows = await tx
    .update(inv)
    .set({
      inlineRows: sql`(
        select jsonb_agg(
          case when r::text like ${pattern}
            then (select coalesce(jsonb_agg('""'::jsonb), '[]'::jsonb) from jsonb_array_elements(r))
            else r end
          order by n)
        from jsonb_array_elements(${inv.inlineRows}) with ordinality as x(r, n)
      )`,
    })
    .where(
      and(eq(inv.workspaceId, workspaceId), ne(inv.status, "received"), sql`${inv.inlineRows}::text like ${pattern}`),
    )
    .returning({ id: inv.id });
  return rows.length;
}
