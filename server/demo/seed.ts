import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { hashPassword } from "../auth/password";
import { parseSettings, splitSettings } from "../domains/integration/settings";
import { writeAudit } from "../lib/audit";
import { ATTENTIVE_SANDBOX_CREDENTIALS, ATTENTIVE_SANDBOX_WEBHOOK_SIGNING_KEY } from "../sandbox/attentive";
import { MITTO_SANDBOX_CREDENTIALS, MITTO_SANDBOX_WHATSAPP_ACCOUNTS } from "../sandbox/mitto";
import { RESPONSYS_SANDBOX_CREDENTIALS } from "../sandbox/responsys";
import { AMS_SANDBOX_APP } from "../sandbox/responsys-ams";
import { SALESFORCE_SANDBOX_CREDENTIALS } from "../sandbox/salesforce";
import { WAVY_SANDBOX_CREDENTIALS } from "../sandbox/wavy";

export const DEMO_WORKSPACE_SLUG = "demo";
export const DEMO_USERS = {
  admin: { email: "admin@demo.switchboard.test", password: "switchboard-admin", name: "Ada Admin" },
  marketer: { email: "marketer@demo.switchboard.test", password: "switchboard-marketer", name: "Mark Marketer" },
} as const;
export const DEMO_CONTACT_COUNT = 3000;

const FIRST = [
  "Vaishali",
  "Maria",
  "João",
  "Lucía",
  "Jonas",
  "Amelia",
  "Kenji",
  "Fatima",
  "Liam",
  "Sofia",
  "Mateo",
  "Emma",
  "Noah",
  "Aisha",
  "Lena",
  "Diego",
];
const LAST = [
  "Sharma",
  "Costa",
  "Silva",
  "García",
  "Becker",
  "Brown",
  "Tanaka",
  "Khan",
  "Murphy",
  "Rossi",
  "López",
  "Müller",
  "Smith",
  "Hassan",
  "Novak",
  "Torres",
];
// Mobile ranges that libphonenumber accepts as valid in each country.
const COUNTRIES = [
  { country: "DE", tz: "Europe/Berlin", number: (i: number) => `+49151${String(10_000_000 + i).slice(-8)}` },
  { country: "GB", tz: "Europe/London", number: (i: number) => `+447400${String(100_000 + i).slice(-6)}` },
  { country: "ES", tz: "Europe/Madrid", number: (i: number) => `+34612${String(100_000 + i).slice(-6)}` },
  { country: "BR", tz: "America/Sao_Paulo", number: (i: number) => `+551198${String(1_000_000 + i).slice(-7)}` },
];

/** Deterministic pseudo-random numbers, so every fresh demo workspace looks the same. */
function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

// Settings exactly as the setup wizards would save them, pointing at the sandbox fakes.
const demoIntegrations = [
  {
    vendor: "mitto",
    label: "Mitto WhatsApp (sandbox)",
    settings: {
      responsysPod: "interact2",
      acceptTerms: true,
      username: MITTO_SANDBOX_CREDENTIALS.username,
      authMethod: "password",
      password: MITTO_SANDBOX_CREDENTIALS.password,
      namespace: "demo_namespace",
    },
  },
  { vendor: "wavy", label: "Wavy WhatsApp (sandbox)", settings: WAVY_SANDBOX_CREDENTIALS },
  {
    vendor: "attentive",
    label: "Attentive SMS (sandbox)",
    settings: {
      ...(({ annexSiteId, loyaltyToken, apiKey, legacyToken, signUpSourceId }) => ({
        annexSiteId,
        loyaltyToken,
        apiKey,
        legacyToken,
        signUpSourceId,
      }))(ATTENTIVE_SANDBOX_CREDENTIALS),
      webhookSigningKey: ATTENTIVE_SANDBOX_WEBHOOK_SIGNING_KEY,
    },
  },
  {
    vendor: "salesforce",
    label: "Salesforce cases (sandbox)",
    settings: {
      loginUrl: "https://login.salesforce.com",
      flow: "password",
      ...SALESFORCE_SANDBOX_CREDENTIALS,
      apiVersion: "62.0",
      setAuditFields: true,
      addAttachments: true,
      customerCommentUsername: "customer@demo.switchboard.test",
      enabled: true,
    },
  },
  {
    vendor: "responsys",
    label: "Responsys Interact (sandbox)",
    settings: { method: "interact", ...RESPONSYS_SANDBOX_CREDENTIALS.interact, endpoint: "login2.responsys.net" },
  },
  // The App Management simulator's fixed demo app; registered with it at every portal start.
  { vendor: "responsys_app", label: "Responsys CX app (sandbox)", settings: AMS_SANDBOX_APP },
] as const;

async function seedIntegrations(tx: Tx, workspaceId: string) {
  const rows = await tx
    .insert(schema.integrations)
    .values(
      demoIntegrations.map(({ vendor, label, settings }) => ({
        workspaceId,
        vendor,
        label,
        sandbox: true,
        status: "active" as const,
        ...splitSettings(vendor, parseSettings(vendor, settings)),
        webhookToken: randomBytes(24).toString("base64url"),
      })),
    )
    .returning({ id: schema.integrations.id, vendor: schema.integrations.vendor });
  const byVendor = Object.fromEntries(rows.map((r) => [r.vendor, r.id])) as Record<
    (typeof rows)[number]["vendor"],
    string
  >;

  const [mittoSender] = await tx
    .insert(schema.senders)
    .values([
      ...MITTO_SANDBOX_WHATSAPP_ACCOUNTS.map((a) => ({
        integrationId: byVendor.mitto,
        externalId: a.id,
        name: a.name,
        phoneNumber: a.phoneNumber,
        messagesPerSecond: 80,
      })),
      ...WAVY_SANDBOX_CREDENTIALS.dids.map((did) => ({
        integrationId: byVendor.wavy,
        externalId: did,
        name: `WhatsApp ${did}`,
        phoneNumber: did,
        messagesPerSecond: null,
      })),
    ])
    .returning({ id: schema.senders.id });

  const body = (text: string) => [{ type: "BODY" as const, text }];
  const [welcome] = await tx
    .insert(schema.templates)
    .values([
      // As the sandbox's Mitto account reports them, so the first sync finds them unchanged.
      {
        integrationId: byVendor.mitto,
        senderId: mittoSender?.id,
        externalId: "1024886310945713",
        name: "mcp_account",
        language: "en",
        category: "UTILITY",
        status: "APPROVED",
        components: body(
          "Dear {{1}}, your Mitto Dashboard account was successfully created. Please check your email inbox.",
        ),
        body: "Dear {{1}}, your Mitto Dashboard account was successfully created. Please check your email inbox.",
        placeholderCount: 1,
        sampleValues: ["Vaishali"],
      },
      {
        integrationId: byVendor.mitto,
        senderId: mittoSender?.id,
        externalId: "1024886310945714",
        name: "appointment_reminder",
        language: "en_US",
        category: "UTILITY",
        status: "APPROVED",
        components: body("Hi {{1}}, this is a reminder of your appointment on {{2}} at {{3}}. Reply STOP to opt out."),
        body: "Hi {{1}}, this is a reminder of your appointment on {{2}} at {{3}}. Reply STOP to opt out.",
        placeholderCount: 3,
        sampleValues: ["Maria", "tomorrow", "12:00 PM"],
      },
      {
        integrationId: byVendor.mitto,
        senderId: mittoSender?.id,
        externalId: "1024886310945715",
        name: "summer_sale",
        language: "en",
        category: "MARKETING",
        status: "PENDING",
        components: body("Hi {{1}}, our summer sale starts today!"),
        body: "Hi {{1}}, our summer sale starts today!",
        placeholderCount: 1,
        sampleValues: [],
      },
      {
        integrationId: byVendor.wavy,
        name: "chatclub_open_session_v2",
        language: "pt_BR",
        category: "UTILITY",
        status: "APPROVED",
        components: body("{{1}} reports: {{2}}"),
        body: "{{1}} reports: {{2}}",
        placeholderCount: 2,
        sampleValues: ["Integra", "Operation performed"],
      },
    ])
    .returning({ id: schema.templates.id });
  return { mittoId: byVendor.mitto, mittoSenderId: mittoSender?.id, welcomeTemplateId: welcome?.id };
}

async function seedContacts(tx: Tx, workspaceId: string) {
  const random = prng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const BATCH = 500;
  const seededAt = Date.now();
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
        email: `${firstName}.${lastName}.${i}@example.com`
          .toLowerCase()
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, ""),
        firstName,
        lastName,
        attributes: { OPTIN: optIn ? "YES" : "NO", loyalty_tier: pick(["bronze", "silver", "gold"]) },
        // One a minute, oldest first, so sorting by creation date means something in the demo.
        createdAt: new Date(seededAt - (DEMO_CONTACT_COUNT - i) * 60_000),
        modifiedAt: new Date(seededAt - (DEMO_CONTACT_COUNT - i) * 60_000),
      };
    });
    const inserted = await tx
      .insert(schema.contacts)
      .values(values)
      .returning({ id: schema.contacts.id, attributes: schema.contacts.attributes });
    const consent = inserted.flatMap((c) => {
      const roll = random();
      if (roll < 0.15) return [];
      const state = c.attributes.OPTIN === "YES" && roll > 0.25 ? ("opt_in" as const) : ("opt_out" as const);
      return [
        { contactId: c.id, channel: "whatsapp" as const, state, source: "import" as const, evidence: "demo seed" },
      ];
    });
    if (consent.length > 0) {
      await tx.insert(schema.consentEvents).values(consent);
      const now = new Date();
      await tx
        .insert(schema.contactConsent)
        .values(
          consent.map(({ contactId, channel, state, source }) => ({ contactId, channel, state, source, at: now })),
        );
    }
  }
}

/**
 * A few conversations on the Mitto number, so the Conversations screen has something to show:
 * one waiting for the marketer inside its 24-hour window (with an attachment), one answered
 * whose window has closed, and one closed with an outcome. Written directly like the rest of
 * the seed; the case sync starts only when someone closes one in the portal.
 */
async function seedConversations(tx: Tx, workspaceId: string, mittoId: string) {
  const [marketer] = await tx
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(eq(schema.users.email, DEMO_USERS.marketer.email));
  const numbers = [0, 1, 2].map((i) => (COUNTRIES[i] as (typeof COUNTRIES)[number]).number(0));
  const contacts = await tx
    .select({ id: schema.contacts.id, mobileNumber: schema.contacts.mobileNumber })
    .from(schema.contacts)
    .where(and(eq(schema.contacts.workspaceId, workspaceId), inArray(schema.contacts.mobileNumber, numbers)));
  const contactId = (n: string | undefined) => contacts.find((c) => c.mobileNumber === n)?.id;
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
  const demo = [
    {
      contact: contactId(numbers[0]),
      state: "open" as const,
      agent: marketer,
      messages: [
        { direction: "inbound" as const, body: "Hi! My parcel says delivered but it isn't here.", minutesAgo: 14 },
        {
          direction: "inbound" as const,
          body: "Here's the tracking page",
          minutesAgo: 12,
          attachments: [
            { url: "https://example.com/demo/tracking.png", mimeType: "image/png", fileName: "tracking.png" },
          ],
        },
      ],
    },
    {
      contact: contactId(numbers[1]),
      state: "open" as const,
      agent: marketer,
      messages: [
        { direction: "inbound" as const, body: "Can I change my appointment to Friday?", minutesAgo: 31 * 60 },
        { direction: "outbound" as const, body: "Of course, Friday at 10:00 is booked for you.", minutesAgo: 30 * 60 },
      ],
    },
    {
      contact: contactId(numbers[2]),
      state: "closed" as const,
      agent: marketer,
      messages: [
        { direction: "inbound" as const, body: "Do you ship to the Canary Islands?", minutesAgo: 3 * 60 },
        { direction: "outbound" as const, body: "We do, in 3 to 5 working days.", minutesAgo: 2 * 60 + 50 },
      ],
    },
  ];
  for (const d of demo) {
    if (!d.contact) continue;
    const first = d.messages[0]?.minutesAgo ?? 0;
    const last = d.messages.at(-1);
    const lastInbound = d.messages.filter((m) => m.direction === "inbound").at(-1)?.minutesAgo ?? first;
    const waiting = last?.direction === "inbound" && d.state === "open";
    const [conversation] = await tx
      .insert(schema.conversations)
      .values({
        workspaceId,
        contactId: d.contact,
        integrationId: mittoId,
        channel: "whatsapp",
        agentUserId: d.agent?.id,
        agentEmail: d.agent?.email,
        state: d.state,
        sessionExpiresAt: new Date(at(lastInbound).getTime() + 24 * 3_600_000),
        awaitingReplySince: waiting ? at(d.messages.find((m) => m.direction === "inbound")?.minutesAgo ?? first) : null,
        closeProfile: d.state === "closed" ? "Resolved" : null,
        closedAt: d.state === "closed" ? at(2 * 60 + 45) : null,
        closedBy: d.state === "closed" ? d.agent?.email : null,
        createdAt: at(first),
        lastMessageAt: at(last?.minutesAgo ?? first),
      })
      .returning({ id: schema.conversations.id });
    if (!conversation) continue;
    await tx.insert(schema.conversationMessages).values(
      d.messages.map((m) => ({
        conversationId: conversation.id,
        direction: m.direction,
        authorUserId: m.direction === "outbound" ? d.agent?.id : null,
        body: m.body,
        attachments: "attachments" in m ? m.attachments : [],
        sentAt: at(m.minutesAgo),
      })),
    );
  }
}

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
      .values({ name: "Demo workspace", slug: DEMO_WORKSPACE_SLUG, optOutKeywords: ["BAJA"] })
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
