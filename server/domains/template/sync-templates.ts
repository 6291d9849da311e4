import type { Db } from "@/db/client";
import type { TemplateComponent } from "@/db/schema/templates";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { VendorError } from "../../vendors/http";
import type { MittoTemplate } from "../../vendors/mitto/client";
import { clientFor } from "../integration/client-for";
import { recordVendorCall } from "../integration/record-vendor-call";
import {
  findActiveSenders,
  findIntegrationForSync,
  findStoredTemplatesForUpdate,
  insertTemplate,
  updateTemplateRow,
  type TemplateValues,
} from "./queries";
import { placeholderCount } from "./render";
import { templateCategories, templateStatuses, type TemplateCategory, type TemplateStatus } from "./schema";

/** The scheduled sync acts for no one: its audit rows say "system". */
export type SystemActor = { kind: "system" };
export type SyncActor = SessionUser | SystemActor;
export const systemActor: SystemActor = { kind: "system" };
const isSystem = (actor: SyncActor): actor is SystemActor => "kind" in actor && actor.kind === "system";

export type SyncResult = { added: number; updated: number; missing: number; unchanged: number; skipped: number };

// Meta spells a template on its way out PENDING_DELETION; we store both stages as DELETED.
const statusAliases: Record<string, TemplateStatus> = { PENDING_DELETION: "DELETED" };

function toStatus(raw: string): TemplateStatus | null {
  const upper = raw.toUpperCase();
  return (templateStatuses as readonly string[]).includes(upper)
    ? (upper as TemplateStatus)
    : (statusAliases[upper] ?? null);
}
function toCategory(raw: string): TemplateCategory | null {
  const upper = raw.toUpperCase();
  return (templateCategories as readonly string[]).includes(upper) ? (upper as TemplateCategory) : null;
}

/** The example values Meta keeps with a template: `body_text[0]` (positional) or the named params. */
function exampleValues(components: MittoTemplate["components"]): string[] {
  const example = components.find((c) => c.type === "BODY")?.example;
  return example?.body_text?.[0] ?? example?.body_text_named_params?.map((p) => p.example) ?? [];
}

function toComponents(components: MittoTemplate["components"]): TemplateComponent[] {
  const kept: TemplateComponent[] = [];
  for (const c of components) {
    if (c.type !== "HEADER" && c.type !== "BODY" && c.type !== "FOOTER" && c.type !== "BUTTONS") continue;
    kept.push({
      type: c.type,
      ...(c.format !== undefined ? { format: c.format } : {}),
      ...(c.text !== undefined ? { text: c.text } : {}),
      ...(c.buttons ? { buttons: c.buttons.map((b) => ({ type: b.type, text: b.text ?? "" })) } : {}),
    });
  }
  return kept;
}

function toValues(template: MittoTemplate, senderId: string): TemplateValues | null {
  const status = toStatus(template.status);
  const category = toCategory(template.category);
  if (!status || !category) return null;
  const components = toComponents(template.components);
  const body = components.find((c) => c.type === "BODY")?.text ?? "";
  const count = placeholderCount(body);
  return {
    senderId,
    category,
    status,
    parameterFormat: /\{\{\s*\d+\s*\}\}/.test(body) || count === 0 ? "POSITIONAL" : "NAMED",
    components,
    body,
    placeholderCount: count,
    sampleValues: exampleValues(template.components),
  };
}

// jsonb stores object keys in its own order, so compare components with sorted keys.
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

const sameContent = (a: TemplateValues, b: TemplateValues) =>
  a.category === b.category &&
  a.status === b.status &&
  a.senderId === b.senderId &&
  a.body === b.body &&
  a.placeholderCount === b.placeholderCount &&
  a.parameterFormat === b.parameterFormat &&
  canonical(a.components) === canonical(b.components) &&
  JSON.stringify(a.sampleValues) === JSON.stringify(b.sampleValues);

/**
 * Brings one Mitto integration's stored templates in line with what Mitto reports for each of
 * its active WhatsApp senders. Templates are matched by (name, language); one Mitto no longer
 * reports is marked missing, never deleted (campaigns and sent messages point at it), and
 * unmarked if it comes back. Every sender is fetched before anything is written, so a vendor
 * failure leaves the stored templates as they were.
 *
 * Wavy is not synced: it documents no template-listing API, so admins keep its HSM codes by
 * hand (create-template.ts, import-templates.ts).
 */
export async function syncTemplates(db: Db, actor: SyncActor, integrationId: string): Promise<SyncResult> {
  const row = await findIntegrationForSync(db, integrationId);
  if (!row || row.uninstalledAt || (!isSystem(actor) && row.workspaceId !== actor.workspaceId)) {
    throw new DomainError("NOT_FOUND", "No such integration in this workspace");
  }
  if (row.vendor === "wavy") {
    throw new DomainError(
      "BAD_REQUEST",
      `Wavy offers no API to list templates, so ${row.label} cannot be synced. An admin adds its HSM codes by hand on the Templates page (Add HSM code, or Import CSV with the codes from Wavy's WhatsApp → HSM screen).`,
    );
  }
  if (row.vendor !== "mitto") throw new DomainError("BAD_REQUEST", `${row.label} does not hold WhatsApp templates`);
  if (row.status !== "active") {
    throw new DomainError(
      "BAD_REQUEST",
      `${row.label} is ${row.status}: an admin must enable it (or fix its settings and test it) before templates can be synced.`,
    );
  }
  const senders = await findActiveSenders(db, row.id);
  if (senders.length === 0) {
    throw new DomainError(
      "BAD_REQUEST",
      `${row.label} has no active WhatsApp business account. An admin can test the integration again to find its numbers.`,
    );
  }

  const client = clientFor("mitto", row);
  // One entry per (name, language): a template shared by two numbers of the same WhatsApp
  // business account is one row, attributed to the first sender (by name) that reports it.
  const reported = new Map<string, { name: string; language: string; values: TemplateValues | null }>();
  for (const sender of senders) {
    let templates: MittoTemplate[];
    try {
      templates = await client.listTemplates(sender.externalId);
    } catch (error) {
      if (!(error instanceof VendorError)) throw error;
      const message = `Templates could not be fetched from Mitto for ${sender.name}: ${error.message}`;
      await recordVendorCall(db, row.id, "template_sync", false, message);
      throw new DomainError("BAD_REQUEST", `${message} Nothing was changed.`);
    }
    for (const template of templates) {
      const key = `${template.name}\u0000${template.language}`;
      if (!reported.has(key))
        reported.set(key, { name: template.name, language: template.language, values: toValues(template, sender.id) });
    }
  }

  await recordVendorCall(db, row.id, "template_sync", true, null);
  const now = new Date();
  const result: SyncResult = { added: 0, updated: 0, missing: 0, unchanged: 0, skipped: 0 };
  await db.transaction(async (tx) => {
    const stored = new Map(
      (await findStoredTemplatesForUpdate(tx, row.id)).map((s) => [`${s.name}\u0000${s.language}`, s]),
    );
    for (const [key, { name, language, values }] of reported) {
      // A status or category this product does not know yet: left out rather than mislabelled.
      if (!values) {
        result.skipped++;
        continue;
      }
      const existing = stored.get(key);
      if (!existing) {
        await insertTemplate(tx, row.id, { name, language, ...values }, now);
        result.added++;
        continue;
      }
      const back = existing.missingSince !== null;
      if (!back && sameContent(existing, values)) {
        await updateTemplateRow(tx, existing.id, { syncedAt: now });
        result.unchanged++;
        continue;
      }
      await updateTemplateRow(tx, existing.id, {
        ...values,
        missingSince: null,
        syncedAt: now,
        ...(existing.status !== values.status ? { statusChangedAt: now } : {}),
      });
      result.updated++;
    }
    for (const [key, existing] of stored) {
      if (reported.has(key) || existing.missingSince !== null) continue;
      await updateTemplateRow(tx, existing.id, { missingSince: now });
      result.missing++;
    }
    await writeAudit(tx, {
      workspaceId: row.workspaceId,
      actorUserId: isSystem(actor) ? null : actor.userId,
      actorKind: isSystem(actor) ? "system" : "user",
      action: "template.sync",
      targetType: "integration",
      targetId: row.id,
      details: { ...result },
    });
  });
  return result;
}
