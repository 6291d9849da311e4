import { eq } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import { hashPassword } from "../auth/password";
import { writeAudit } from "../lib/audit";
import { seedContacts } from "./contacts";
import { seedConversations } from "./conversations";
import { seedIntegrations } from "./integrations";
import { DEMO_USERS } from "./users";

export const DEMO_WORKSPACE_SLUG = "demo";

// Examples of a workspace's own keywords, editable on the settings page. BAJA is left for the
// e2e spec that adds it there (e2e/settings/workspace-keywords.spec.ts).
const DEMO_KEYWORDS = [
  { language: "es", kind: "opt_out" as const, keyword: "PARAR" },
  { language: "es", kind: "opt_in" as const, keyword: "ALTA" },
];

/**
 * Creates the demo workspace once: an admin, a marketer, sandbox integrations, templates,
 * contacts with mixed consent, a segment and a draft campaign. Running it again changes
 * nothing. Domain tables without use cases yet are written directly; as each domain gains
 * its use cases, this seed moves onto them.
 */
export async function ensureDemoWorkspace(db: Db): Promise<{ created: boolean }> {
  const [existing] = await db
    .select({ id: schema.workspaces.id })
    .from(schema.workspaces)
    .where(eq(schema.workspaces.slug, DEMO_WORKSPACE_SLUG));
  if (existing) return { created: false };
  const [adminHash, marketerHash] = await Promise.all([
    hashPassword(DEMO_USERS.admin.password),
    hashPassword(DEMO_USERS.marketer.password),
  ]);
  return db.transaction(async (tx) => {
    // A concurrent first start may have won the race: the unique slug decides.
    const [workspace] = await tx
      .insert(schema.workspaces)
      .values({ name: "Demo workspace", slug: DEMO_WORKSPACE_SLUG, consentKeywords: DEMO_KEYWORDS })
      .onConflictDoNothing()
      .returning({ id: schema.workspaces.id });
    if (!workspace) return { created: false };
    const [admin] = await tx
      .insert(schema.users)
      .values([
        {
          workspaceId: workspace.id,
          role: "admin",
          email: DEMO_USERS.admin.email,
          name: DEMO_USERS.admin.name,
          passwordHash: adminHash,
        },
        {
          workspaceId: workspace.id,
          role: "marketer",
          email: DEMO_USERS.marketer.email,
          name: DEMO_USERS.marketer.name,
          passwordHash: marketerHash,
        },
      ])
      .returning({ id: schema.users.id });
    const { mittoId, mittoSenderId, welcomeTemplateId } = await seedIntegrations(tx, workspace.id);
    await seedContacts(tx, workspace.id);
    const [segment] = await tx
      .insert(schema.segments)
      .values({
        workspaceId: workspace.id,
        name: "WhatsApp opted-in, Germany",
        kind: "dynamic",
        // The segment domain's definition shape (server/domains/segment/schema.ts).
        definition: {
          kind: "group",
          combinator: "and",
          children: [
            { kind: "consent", channel: "whatsapp", state: "opt_in" },
            { kind: "field", field: "country", operator: "eq", value: "DE" },
          ],
        },
        createdBy: admin?.id,
      })
      .returning({ id: schema.segments.id });
    await tx.insert(schema.campaigns).values({
      workspaceId: workspace.id,
      name: "Welcome new customers",
      channel: "whatsapp",
      integrationId: mittoId,
      senderId: mittoSenderId,
      optInField: "OPTIN",
      templateId: welcomeTemplateId,
      placeholderMappings: [{ kind: "field", field: "first_name" }],
      trigger: "scheduled",
      segmentId: segment?.id,
      schedule: { frequency: "once", date: null, time: "10:00" },
      statusField: "last_message_status",
      statusTimeoutMinutes: 11,
      createdBy: admin?.id,
    });
    await seedConversations(tx, workspace.id, mittoId);
    await writeAudit(tx, {
      workspaceId: workspace.id,
      actorUserId: null,
      actorKind: "system",
      action: "workspace.seed_demo",
      targetType: "workspace",
      targetId: workspace.id,
    });
    return { created: true };
  });
}
