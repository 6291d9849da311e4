// The demo's sandbox integrations, with their WhatsApp senders and templates.
import { randomBytes } from "node:crypto";
import { schema, type Tx } from "@/db/client";
import { parseSettings, splitSettings } from "../domains/integration/settings";
import { sandboxSettings } from "../domains/integration/sandbox-settings";
import { MITTO_SANDBOX_WHATSAPP_ACCOUNTS } from "../sandbox/mitto";
import { WAVY_SANDBOX_CREDENTIALS } from "../sandbox/wavy";

// The sandbox fakes' accounts, as the setup wizard saves them in test mode.
const demoIntegrations = [
  { vendor: "mitto", label: "Mitto WhatsApp (sandbox)", settings: sandboxSettings.mitto },
  { vendor: "wavy", label: "Wavy WhatsApp (sandbox)", settings: sandboxSettings.wavy },
  { vendor: "attentive", label: "Attentive SMS (sandbox)", settings: sandboxSettings.attentive },
  { vendor: "salesforce", label: "Salesforce cases (sandbox)", settings: sandboxSettings.salesforce },
  { vendor: "responsys", label: "Responsys Interact (sandbox)", settings: sandboxSettings.responsys },
  // The App Management simulator's fixed demo app; registered with it at every portal start.
  { vendor: "responsys_app", label: "Responsys CX app (sandbox)", settings: sandboxSettings.responsys_app },
] as const;

export async function seedIntegrations(tx: Tx, workspaceId: string) {
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
