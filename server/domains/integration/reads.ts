import { and, desc, eq, isNull } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";

// What other domains and background jobs read of integrations: the row with its stored
// (encrypted) settings, for a use case that calls the vendor.

export const integrationColumns = {
  id: schema.integrations.id,
  vendor: schema.integrations.vendor,
  label: schema.integrations.label,
  description: schema.integrations.description,
  config: schema.integrations.config,
  secrets: schema.integrations.secrets,
  sandbox: schema.integrations.sandbox,
  status: schema.integrations.status,
  lastTestAt: schema.integrations.lastTestAt,
  lastTestOk: schema.integrations.lastTestOk,
  lastTestMessage: schema.integrations.lastTestMessage,
  lastError: schema.integrations.lastError,
  lastErrorAt: schema.integrations.lastErrorAt,
  webhookToken: schema.integrations.webhookToken,
  createdAt: schema.integrations.createdAt,
  uninstalledAt: schema.integrations.uninstalledAt,
};
export type IntegrationRow = Awaited<ReturnType<typeof findIntegration>> & {};

export async function findIntegration(db: Db | Tx, workspaceId: string, id: string) {
  const [row] = await db
    .select(integrationColumns)
    .from(schema.integrations)
    .where(and(eq(schema.integrations.id, id), eq(schema.integrations.workspaceId, workspaceId)));
  return row;
}

export function findIntegrations(db: Db, workspaceId: string, includeUninstalled: boolean) {
  return db
    .select(integrationColumns)
    .from(schema.integrations)
    .where(
      and(
        eq(schema.integrations.workspaceId, workspaceId),
        includeUninstalled ? undefined : isNull(schema.integrations.uninstalledAt),
      ),
    )
    .orderBy(desc(schema.integrations.createdAt));
}
