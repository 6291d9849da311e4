import { eq } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { hashPassword } from "../auth/password";
import { env } from "../env";
import { writeAudit } from "../lib/audit";
import { encryptSecret } from "../lib/crypto";

export const DEMO_WORKSPACE_SLUG = "demo";
export const DEMO_USERS = {
  admin: { email: "admin@demo.switchboard.test", password: "switchboard-admin", name: "Ada Admin" },
  marketer: { email: "marketer@demo.switchboard.test", password: "switchboard-marketer", name: "Mark Marketer" },
} as const;
export const DEMO_CONTACT_COUNT = 3000;

const FIRST = ["Vaishali", "Maria", "João", "Lucía", "Jonas", "Amelia", "Kenji", "Fatima", "Liam", "Sofia", "Mateo", "Emma", "Noah", "Aisha", "Lena", "Diego"];
const LAST = ["Sharma", "Costa", "Silva", "García", "Becker", "Brown", "Tanaka", "Khan", "Murphy", "Rossi", "López", "Müller", "Smith", "Hassan", "Novak", "Torres"];
// Mobile ranges that are valid E.164 numbers in each country (UK: Ofcom's drama range).
const COUNTRIES = [
  { country: "DE", tz: "Europe/Berlin", number: (i: number) => `+49151${String(10_000_000 + i).slice(-8)}` },
  { country: "GB", tz: "Europe/London", number: (i: number) => `+447700${String(900_000 + i).slice(-6)}` },
  { country: "ES", tz: "Europe/Madrid", number: (i: number) => `+34612${String(100_000 + i).slice(-6)}` },
  { country: "BR", tz: "America/Sao_Paulo", number: (i: number) => `+551198${String(1_000_000 + i).slice(-7)}` },
];

/** Deterministic pseudo-random numbers, so every fresh demo workspace looks the same. */
function prng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

async function seedIntegrations(tx: Tx, workspaceId: string) {
  const sandbox = (vendor: string) => `${env.SANDBOX_URL}/${vendor}`;
  const rows = await tx
    .insert(schema.integrations)
    .values([
      {
        workspaceId, vendor: "mitto", label: "Mitto WhatsApp (sandbox)", sandbox: true, status: "active",
        config: { baseUrl: sandbox("mitto"), namespace: "demo_namespace", responsysPod: "US2" },
        secrets: encryptSecret(JSON.stringify({ username: "demo@switchboard.test", password: "sandbox-password" })),
      },
      {
        workspaceId, vendor: "wavy", label: "Wavy WhatsApp (sandbox)", sandbox: true, status: "active",
        config: { baseUrl: sandbox("wavy"), smsRegExp: ".", smsFromNamespace: "demo_wavy_ns", dids: ["+5511987650000"] },
        secrets: encryptSecret(JSON.stringify({ username: "demo", password: "sandbox-password" })),
      },
      {
        workspaceId, vendor: "attentive", label: "Attentive SMS (sandbox)", sandbox: true, status: "active",
        config: { baseUrl: sandbox("attentive"), annexSiteId: "123456", signUpSourceId: "132109" },
        secrets: encryptSecret(JSON.stringify({ apiKey: "sandbox-api-key", legacyToken: "sandbox-legacy-token", loyaltyToken: "sandbox-loyalty" })),
      },
      {
        workspaceId, vendor: "salesforce", label: "Salesforce cases (sandbox)", sandbox: true, status: "active",
        config: { baseUrl: sandbox("salesforce"), username: "api@demo.switchboard.test", apiVersion: "62.0", setAuditFields: true, addAttachments: true, customerCommentUsername: "customer@demo.switchboard.test", enabled: true },
        secrets: encryptSecret(JSON.stringify({ consumerKey: "sandbox-key", consumerSecret: "sandbox-secret", password: "sandbox-password", securityToken: "sandbox-token" })),
      },
      {
        workspaceId, vendor: "responsys", label: "Responsys Interact (sandbox)", sandbox: true, status: "active",
        config: { baseUrl: sandbox("responsys"), method: "interact", username: "demo_api_user", endpoint: "login2.responsys.net" },
        secrets: encryptSecret(JSON.stringify({ password: "sandbox-password" })),
      },
    ])
    .returning({ id: schema.integrations.id, vendor: schema.integrations.vendor });
  const byVendor = Object.fromEntries(rows.map((r) => [r.vendor, r.id])) as Record<(typeof rows)[number]["vendor"], string>;

  const [mittoSender] = await tx
    .insert(schema.senders)
    .values([
      { integrationId: byVendor.mitto, externalId: "waba-demo-1", name: "Switchboard Demo", phoneNumber: "+14155550100", messagesPerSecond: 80 },
      { integrationId: byVendor.wavy, externalId: "+5511987650000", name: "Demo DID", phoneNumber: "+5511987650000", messagesPerSecond: 80 },
    ])
    .returning({ id: schema.senders.id });

  const body = (text: string) => [{ type: "BODY" as const, text }];
  const [welcome] = await tx
    .insert(schema.templates)
    .values([
      { integrationId: byVendor.mitto, senderId: mittoSender?.id, externalId: "1001", name: "mcp_account", language: "en_US", category: "UTILITY", status: "APPROVED", components: body("Dear {{1}}, your Mitto Dashboard account was successfully created. Please check your email inbox."), body: "Dear {{1}}, your Mitto Dashboard account was successfully created. Please check your email inbox.", placeholderCount: 1, sampleValues: ["Vaishali"] },
      { integrationId: byVendor.mitto, senderId: mittoSender?.id, externalId: "1002", name: "appointment_reminder", language: "en_US", category: "UTILITY", status: "APPROVED", components: [...body("Hi {{1}}, your appointment is coming up on {{2}} at {{3}}."), { type: "FOOTER", text: "Reply STOP to opt out" }], body: "Hi {{1}}, your appointment is coming up on {{2}} at {{3}}.", placeholderCount: 3, sampleValues: ["Maria", "tomorrow", "12:00 PM"] },
      { integrationId: byVendor.mitto, senderId: mittoSender?.id, externalId: "1003", name: "spring_sale", language: "es_ES", category: "MARKETING", status: "PENDING", components: body("¡Hola {{1}}! Nuestra venta de primavera empieza hoy."), body: "¡Hola {{1}}! Nuestra venta de primavera empieza hoy.", placeholderCount: 1, sampleValues: ["Lucía"] },
      { integrationId: byVendor.wavy, name: "chatclub_open_session_v2", language: "pt_BR", category: "UTILITY", status: "APPROVED", components: body("{{1}} reports: {{2}}"), body: "{{1}} reports: {{2}}", placeholderCount: 2, sampleValues: ["Integra", "Operation performed"] },
    ])
    .returning({ id: schema.templates.id });
  return { mittoId: byVendor.mitto, mittoSenderId: mittoSender?.id, welcomeTemplateId: welcome?.id };
}

async function seedContacts(tx: Tx, workspaceId: string) {
  const random = prng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const BATCH = 500;
  for (let start = 0; start < DEMO_CONTACT_COUNT; start += BATCH) {
    const values = Array.from({ length: Math.min(BATCH, DEMO_CONTACT_COUNT - start) }, (_, k) => {
      const i = start + k;
      const place = COUNTRIES[i % COUNTRIES.length] as (typeof COUNTRIES)[number];
      const firstName = pick(FIRST);
      const lastName = pick(LAST);
      const optIn = random() < 0.75;
      return {
        workspaceId,
        // Numbered per country, so the UK range (1,000 numbers) is never exhausted.
        mobileNumber: place.number(Math.floor(i / COUNTRIES.length)),
        mobileCountry: place.country,
        country: place.country,
        timeZone: place.tz,
        email: `${firstName}.${lastName}.${i}@example.com`.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""),
        firstName,
        lastName,
        attributes: { OPTIN: optIn ? "YES" : "NO", loyalty_tier: pick(["bronze", "silver", "gold"]) },
      };
    });
    const inserted = await tx.insert(schema.contacts).values(values).returning({ id: schema.contacts.id, attributes: schema.contacts.attributes });
    const consent = inserted.flatMap((c) => {
      const roll = random();
      if (roll < 0.15) return [];
      const state = c.attributes.OPTIN === "YES" && roll > 0.25 ? ("opt_in" as const) : ("opt_out" as const);
      return [{ contactId: c.id, channel: "whatsapp" as const, state, source: "import" as const, evidence: "demo seed" }];
    });
    if (consent.length > 0) {
      await tx.insert(schema.consentEvents).values(consent);
      const now = new Date();
      await tx.insert(schema.contactConsent).values(consent.map(({ contactId, channel, state, source }) => ({ contactId, channel, state, source, at: now })));
    }
  }
}

/**
 * Creates the demo workspace once: an admin, a marketer, sandbox integrations, templates,
 * contacts with mixed consent, a segment and a draft campaign. Running it again changes
 * nothing. Domain tables without use cases yet are written directly; as each domain gains
 * its use cases, this seed moves onto them.
 */
export async function ensureDemoWorkspace(db: Db): Promise<{ created: boolean }> {
  const [existing] = await db.select({ id: schema.workspaces.id }).from(schema.workspaces).where(eq(schema.workspaces.slug, DEMO_WORKSPACE_SLUG));
  if (existing) return { created: false };
  const [adminHash, marketerHash] = await Promise.all([hashPassword(DEMO_USERS.admin.password), hashPassword(DEMO_USERS.marketer.password)]);
  return db.transaction(async (tx) => {
    // A concurrent first start may have won the race: the unique slug decides.
    const [workspace] = await tx
      .insert(schema.workspaces)
      .values({ name: "Demo workspace", slug: DEMO_WORKSPACE_SLUG, optOutKeywords: ["BAJA"] })
      .onConflictDoNothing()
      .returning({ id: schema.workspaces.id });
    if (!workspace) return { created: false };
    const [admin] = await tx
      .insert(schema.users)
      .values([
        { workspaceId: workspace.id, role: "admin", email: DEMO_USERS.admin.email, name: DEMO_USERS.admin.name, passwordHash: adminHash },
        { workspaceId: workspace.id, role: "marketer", email: DEMO_USERS.marketer.email, name: DEMO_USERS.marketer.name, passwordHash: marketerHash },
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
        definition: { op: "and", conditions: [{ field: "consent.whatsapp", operator: "eq", value: "opt_in" }, { field: "country", operator: "eq", value: "DE" }] },
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
    await writeAudit(tx, { workspaceId: workspace.id, actorUserId: null, actorKind: "system", action: "workspace.seed_demo", targetType: "workspace", targetId: workspace.id });
    return { created: true };
  });
}
