import { and, asc, eq, isNull, lt } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";

const i = schema.integrations;
const inst = schema.responsysAppInstalls;
const svc = schema.responsysAppServices;

/** A responsys_app integration by id (the URL key of every app endpoint), with its settings. */
export async function findAppIntegration(db: Db | Tx, id: string) {
  const [row] = await db
    .select({
      id: i.id,
      workspaceId: i.workspaceId,
      label: i.label,
      status: i.status,
      config: i.config,
      secrets: i.secrets,
      sandbox: i.sandbox,
      uninstalledAt: i.uninstalledAt,
    })
    .from(i)
    .where(and(eq(i.id, id), eq(i.vendor, "responsys_app")));
  return row ?? null;
}
export type AppIntegration = NonNullable<Awaited<ReturnType<typeof findAppIntegration>>>;

/** Records a token id until it expires; false when it was recorded before (a replay). */
export async function recordTokenId(db: Db, jti: string, expiresAt: Date) {
  const t = schema.usedTokenIds;
  const rows = await db
    .insert(t)
    .values({ jti, expiresAt })
    .onConflictDoNothing({ target: t.jti })
    .returning({ jti: t.jti });
  return rows.length > 0;
}

export async function deleteExpiredTokenIds(db: Db, now: Date) {
  await db.delete(schema.usedTokenIds).where(lt(schema.usedTokenIds.expiresAt, now));
}

const installColumns = {
  id: inst.id,
  workspaceId: inst.workspaceId,
  appIntegrationId: inst.appIntegrationId,
  installId: inst.installId,
  location: inst.location,
  status: inst.status,
  mittoIntegrationId: inst.mittoIntegrationId,
};
export type InstallRow = NonNullable<Awaited<ReturnType<typeof findInstall>>>;

export async function findInstall(db: Db | Tx, appIntegrationId: string, installId: string) {
  const [row] = await db
    .select(installColumns)
    .from(inst)
    .where(and(eq(inst.appIntegrationId, appIntegrationId), eq(inst.installId, installId)));
  return row ?? null;
}

/** Inserts the installation, or brings an earlier one of the same id back as installed. */
export async function upsertInstall(
  tx: Tx,
  values: {
    workspaceId: string;
    appIntegrationId: string;
    installId: string;
    tenantId: string | null;
    location: string | null;
  },
) {
  const [row] = await tx
    .insert(inst)
    .values({ ...values, status: "installed" })
    .onConflictDoUpdate({
      target: [inst.appIntegrationId, inst.installId],
      set: { tenantId: values.tenantId, location: values.location, status: "installed", updatedAt: new Date() },
    })
    .returning({ id: inst.id });
  if (!row) throw new Error("upsert returned no row");
  return row;
}

export async function updateInstall(tx: Tx, id: string, set: Partial<typeof inst.$inferInsert>) {
  await tx
    .update(inst)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(inst.id, id));
}

const serviceColumns = {
  id: svc.id,
  workspaceId: svc.workspaceId,
  appIntegrationId: svc.appIntegrationId,
  instanceUuid: svc.instanceUuid,
  installId: svc.installId,
  programName: svc.programName,
  listFields: svc.listFields,
  campaignId: svc.campaignId,
  recordDefinition: svc.recordDefinition,
  status: svc.status,
};
export type ServiceRow = NonNullable<Awaited<ReturnType<typeof findService>>>;

/** A service instance of the app, deleted ones included (the caller decides what they mean). */
export async function findService(db: Db | Tx, appIntegrationId: string, instanceUuid: string) {
  const [row] = await db
    .select(serviceColumns)
    .from(svc)
    .where(and(eq(svc.appIntegrationId, appIntegrationId), eq(svc.instanceUuid, instanceUuid)));
  return row ?? null;
}

type ServiceFields = Omit<
  typeof svc.$inferInsert,
  "id" | "workspaceId" | "appIntegrationId" | "instanceUuid" | "createdAt" | "updatedAt"
>;

/** Inserts a service instance, or replaces a deleted (or repeated) one of the same id. */
export async function upsertService(
  tx: Tx,
  key: { workspaceId: string; appIntegrationId: string; instanceUuid: string },
  fields: ServiceFields,
) {
  const [row] = await tx
    .insert(svc)
    .values({ ...key, ...fields })
    .onConflictDoUpdate({ target: [svc.appIntegrationId, svc.instanceUuid], set: { ...fields, updatedAt: new Date() } })
    .returning({ id: svc.id });
  if (!row) throw new Error("upsert returned no row");
  return row;
}

export async function updateService(tx: Tx, id: string, set: Partial<typeof svc.$inferInsert>) {
  await tx
    .update(svc)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(svc.id, id));
}

/** What the service configuration page offers: the Mitto account's active senders and approved templates. */
export async function findServiceChoices(db: Db, mittoIntegrationId: string) {
  const s = schema.senders;
  const t = schema.templates;
  const [senders, templates] = await Promise.all([
    db
      .select({ id: s.id, name: s.name, phoneNumber: s.phoneNumber })
      .from(s)
      .where(and(eq(s.integrationId, mittoIntegrationId), eq(s.active, true)))
      .orderBy(asc(s.name), asc(s.id)),
    db
      .select({ id: t.id, name: t.name, language: t.language, body: t.body })
      .from(t)
      .where(and(eq(t.integrationId, mittoIntegrationId), eq(t.status, "APPROVED"), isNull(t.missingSince)))
      .orderBy(asc(t.name), asc(t.language), asc(t.id)),
  ]);
  return { senders, templates };
}

/** The Mitto account an installation sends through, as the configuration page shows it (no secret). */
export async function findMittoAccount(db: Db, id: string) {
  const [row] = await db
    .select({ id: i.id, label: i.label, config: i.config, status: i.status, uninstalledAt: i.uninstalledAt })
    .from(i)
    .where(and(eq(i.id, id), eq(i.vendor, "mitto")));
  return row ?? null;
}
