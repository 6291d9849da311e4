import { and, asc, eq, isNull } from "drizzle-orm";
import { schema, type Db } from "@/db/client";

const i = schema.integrations;

/** Every active, installed Mitto integration, for the scheduled sync. */
export function findSyncableMittoIntegrations(db: Db) {
  return db
    .select({ id: i.id, workspaceId: i.workspaceId })
    .from(i)
    .where(and(eq(i.vendor, "mitto"), eq(i.status, "active"), isNull(i.uninstalledAt)))
    .orderBy(asc(i.createdAt));
}
