import { and, asc, eq, inArray, isNull, like, sql, type SQL } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import type { TemplateComponent } from "@/db/schema/templates";
import type { TemplateCategory, TemplateStatus } from "./schema";
import { vendorsSending } from "../../vendors/profiles";

const t = schema.templates;
const i = schema.integrations;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const listColumns = {
  id: t.id,
  integrationId: t.integrationId,
  integrationLabel: i.label,
  vendor: i.vendor,
  name: t.name,
  language: t.language,
  category: t.category,
  status: t.status,
  placeholderCount: t.placeholderCount,
  missingSince: t.missingSince,
  statusChangedAt: t.statusChangedAt,
  syncedAt: t.syncedAt,
  editedAt: t.editedAt,
  retiredAt: t.retiredAt,
};
export type TemplateListRow = Awaited<ReturnType<typeof findTemplatesPage>>[number];

export type TemplateFilters = {
  integrationId?: string;
  status?: TemplateStatus;
  language?: string;
  category?: TemplateCategory;
  search: string;
};

/**
 * Up to limit+1 templates of one workspace ordered by (name, language, id), after `after`.
 * The row comparison is one range on that order, so each page reads only what it returns.
 */
export function findTemplatesPage(
  db: Db,
  workspaceId: string,
  filters: TemplateFilters,
  after: { name: string; language: string; id: string } | null,
  limit: number,
) {
  const conditions: (SQL | undefined)[] = [
    eq(i.workspaceId, workspaceId),
    filters.integrationId ? eq(t.integrationId, filters.integrationId) : undefined,
    filters.status ? eq(t.status, filters.status) : undefined,
    filters.language ? eq(t.language, filters.language) : undefined,
    filters.category ? eq(t.category, filters.category) : undefined,
    filters.search ? like(t.name, `${escapeLike(filters.search)}%`) : undefined,
    after
      ? sql`(${t.name}, ${t.language}, ${t.id}) > (${after.name}, ${after.language}, cast(${after.id} as uuid))`
      : undefined,
  ];
  return db
    .select(listColumns)
    .from(t)
    .innerJoin(i, eq(i.id, t.integrationId))
    .where(and(...conditions))
    .orderBy(asc(t.name), asc(t.language), asc(t.id))
    .limit(limit + 1);
}

/** The messaging integrations of a workspace that can hold templates, for the filter and sync buttons. */
export function findTemplateIntegrations(db: Db, workspaceId: string) {
  return db
    .select({ id: i.id, label: i.label, vendor: i.vendor, status: i.status })
    .from(i)
    .where(and(eq(i.workspaceId, workspaceId), inArray(i.vendor, vendorsSending("whatsapp")), isNull(i.uninstalledAt)))
    .orderBy(asc(i.label));
}

/** The languages a workspace's templates use, for the language filter. */
export async function findTemplateLanguages(db: Db, workspaceId: string) {
  const rows = await db
    .selectDistinct({ language: t.language })
    .from(t)
    .innerJoin(i, eq(i.id, t.integrationId))
    .where(eq(i.workspaceId, workspaceId))
    .orderBy(asc(t.language));
  return rows.map((r) => r.language);
}

export async function findTemplateWithIntegration(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select({
      ...listColumns,
      externalId: t.externalId,
      parameterFormat: t.parameterFormat,
      components: t.components,
      body: t.body,
      sampleValues: t.sampleValues,
      senderName: schema.senders.name,
      senderPhoneNumber: schema.senders.phoneNumber,
    })
    .from(t)
    .innerJoin(i, eq(i.id, t.integrationId))
    .leftJoin(schema.senders, eq(schema.senders.id, t.senderId))
    .where(and(eq(t.id, id), eq(i.workspaceId, workspaceId)));
  return row;
}

export function findCampaignsUsingTemplate(db: Db, workspaceId: string, templateId: string) {
  const c = schema.campaigns;
  return db
    .select({ id: c.id, name: c.name, status: c.status })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), eq(c.templateId, templateId)))
    .orderBy(asc(c.name));
}

/** An integration by id with what a sync needs; the caller checks the workspace. */
export async function findIntegrationForSync(db: Db, id: string) {
  const [row] = await db
    .select({
      id: i.id,
      workspaceId: i.workspaceId,
      vendor: i.vendor,
      label: i.label,
      config: i.config,
      secrets: i.secrets,
      sandbox: i.sandbox,
      status: i.status,
      uninstalledAt: i.uninstalledAt,
    })
    .from(i)
    .where(eq(i.id, id));
  return row;
}

export function findActiveSenders(db: Db, integrationId: string) {
  const s = schema.senders;
  return db
    .select({ id: s.id, externalId: s.externalId, name: s.name })
    .from(s)
    .where(and(eq(s.integrationId, integrationId), eq(s.active, true)))
    .orderBy(asc(s.name), asc(s.id));
}

/** Every stored template of an integration, locked so two syncs of it do not interleave. */
export function findStoredTemplatesForUpdate(tx: Tx, integrationId: string) {
  return tx
    .select({
      id: t.id,
      name: t.name,
      language: t.language,
      category: t.category,
      status: t.status,
      senderId: t.senderId,
      components: t.components,
      body: t.body,
      placeholderCount: t.placeholderCount,
      sampleValues: t.sampleValues,
      parameterFormat: t.parameterFormat,
      missingSince: t.missingSince,
      retiredAt: t.retiredAt,
    })
    .from(t)
    .where(eq(t.integrationId, integrationId))
    .for("update");
}

export type TemplateValues = {
  senderId: string | null;
  category: TemplateCategory;
  status: TemplateStatus;
  parameterFormat: string;
  components: TemplateComponent[];
  body: string;
  placeholderCount: number;
  sampleValues: string[];
};

export async function insertTemplate(
  tx: Tx,
  integrationId: string,
  values: TemplateValues & { name: string; language: string },
  now: Date,
) {
  const [row] = await tx
    .insert(t)
    .values({ integrationId, ...values, syncedAt: now })
    .returning({ id: t.id });
  return row!.id;
}

export async function updateTemplateRow(tx: Tx, id: string, set: Partial<typeof t.$inferInsert>) {
  await tx.update(t).set(set).where(eq(t.id, id));
}
