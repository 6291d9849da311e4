import { z } from "zod";

// One schema per vendor for what the setup wizard collects. Shared by the wizard forms, the
// use cases and the adapters (through settingsFor). Secret fields are listed per vendor:
// they are encrypted at rest, never sent back to the browser, and replace-only on edit.

const required = (label: string) => z.string().trim().min(1, `Enter the ${label}`);
const e164 = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, "Use the international format, e.g. +5511987650000");

export const vendors = ["mitto", "responsys", "wavy", "attentive", "salesforce", "responsys_app"] as const;
export type Vendor = (typeof vendors)[number];

// Responsys login hosts (seed 000 "location", seed 001 "Endpoint URI").
export const responsysPods = {
  interact2: "login2.responsys.net",
  interact5: "login5.responsys.net",
  interact8: "login.rsys8.net",
  interact9: "login.rsys9.net",
} as const;
const responsysHost = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^https?:\/\//, "").replace(/\/+$/, ""))
  .refine(
    (v) =>
      /^(login[25]\.responsys\.net|login\.rsys[89]\.net|[a-z0-9-]+-api\.responsys\.ocs\.oraclecloud\.com)$/.test(v),
    {
      message:
        "Use a Responsys login host such as login2.responsys.net, login.rsys8.net or AccountToken-api.responsys.ocs.oraclecloud.com",
    },
  );

export const mittoSettings = z
  .object({
    responsysPod: z.enum(
      Object.keys(responsysPods) as [keyof typeof responsysPods, ...(keyof typeof responsysPods)[]],
      { message: "Choose your Responsys location" },
    ),
    acceptTerms: z.literal(true, { message: "Accept the terms and conditions to continue" }),
    username: required("Mitto email or username"),
    authMethod: z.enum(["password", "apiKey"]),
    password: z.string().optional(),
    apiKey: z.string().optional(),
    namespace: required("WhatsApp template namespace"),
  })
  .superRefine((v, ctx) => {
    const field = v.authMethod === "password" ? "password" : "apiKey";
    if (!v[field]?.trim())
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: field === "password" ? "Enter the Mitto password" : "Enter the Mitto API key",
      });
  });

const privateKey = (label: string) =>
  z
    .string()
    .trim()
    .refine(
      (v) =>
        /^-----BEGIN (OPENSSH|RSA|EC|DSA|ENCRYPTED)? ?PRIVATE KEY-----[\s\S]+-----END (OPENSSH|RSA|EC|DSA|ENCRYPTED)? ?PRIVATE KEY-----$/.test(
          v,
        ),
      {
        message: `The ${label} must be a PEM or OpenSSH private key (-----BEGIN … PRIVATE KEY-----)`,
      },
    );

const sftpFields = {
  host: required("SFTP host"),
  port: z.coerce.number().int().min(1, "Port must be 1–65535").max(65_535, "Port must be 1–65535").default(22),
  username: required("SFTP username"),
  privateKey: privateKey("SFTP private key"),
  folder: z.string().trim().optional(),
};

export const responsysSettings = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("interact"),
    username: required("Responsys username"),
    password: required("password"),
    endpoint: responsysHost,
    // Campaigns merge each contact's last message status into this profile list (issue 4); empty: they do not.
    profileList: z.string().trim().max(100).optional(),
  }),
  z.object({ method: z.literal("sftp"), ...sftpFields }),
  z.object({
    method: z.literal("sftp_pgp"),
    ...sftpFields,
    pgpPrivateKey: z
      .string()
      .trim()
      .refine(
        (v) =>
          v.startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----") && v.endsWith("-----END PGP PRIVATE KEY BLOCK-----"),
        {
          message: "The PGP private key must be an armored key (-----BEGIN PGP PRIVATE KEY BLOCK-----)",
        },
      ),
    pgpPassphrase: required("PGP private key passphrase"),
  }),
]);

export const wavySettings = z.object({
  username: required("Wavy username"),
  password: required("Wavy password (authentication token)"),
  smsRegExp: z
    .string()
    .min(1, "Enter the SMS RegExp; “.” accepts every number")
    .refine((v) => {
      try {
        new RegExp(v);
        return true;
      } catch {
        return false;
      }
    }, "This is not a valid regular expression"),
  smsFromNamespace: required("SMSFrom namespace"),
  dids: z.array(e164).min(1, "Add at least one approved number (DID)"),
});

export const attentiveSettings = z.object({
  annexSiteId: z.string().trim().regex(/^\d+$/, "The Annex Cloud site id is a number"),
  loyaltyToken: required("Annex Cloud loyalty token"),
  apiKey: required("Attentive API key"),
  legacyToken: required("Attentive legacy messages token"),
  signUpSourceId: z.string().trim().regex(/^\d+$/, "The sign-up source id is a number (Subscribers tab in Attentive)"),
  // Attentive signs its webhook events with this key (shown when the webhook is created there);
  // without it, subscription events are refused.
  webhookSigningKey: z.string().trim().optional(),
});

export const salesforceSettings = z
  .object({
    loginUrl: z.url("Enter the login URL, e.g. https://login.salesforce.com").default("https://login.salesforce.com"),
    flow: z.enum(["password", "client_credentials"]),
    consumerKey: required("consumer key"),
    consumerSecret: required("consumer secret"),
    username: z.string().trim().optional(),
    password: z.string().optional(),
    securityToken: z.string().optional(),
    apiVersion: z
      .string()
      .trim()
      .regex(/^\d{2}\.0$/, "Use an API version such as 62.0"),
    setAuditFields: z.boolean(),
    addAttachments: z.boolean(),
    customerCommentUsername: required("username for customer comments"),
    enabled: z.boolean(),
  })
  .superRefine((v, ctx) => {
    // The username-password flow needs the API user's credentials; client credentials does not.
    if (v.flow !== "password") return;
    for (const [field, label] of [
      ["username", "API username"],
      ["password", "API user's password"],
      ["securityToken", "security token"],
    ] as const) {
      if (!v[field]?.trim()) ctx.addIssue({ code: "custom", path: [field], message: `Enter the ${label}` });
    }
  });

// Switchboard itself as a Responsys CX app (responsys.md §4): the ids and HS256 secret AMS
// issues when the app is registered there. AMS documents no format for them [assumed], so only
// blanks, whitespace and secrets too short to be a signing key are refused.
const amsValue = (label: string) => required(label).regex(/^\S+$/, `The ${label} cannot contain spaces`);
export const responsysAppSettings = z.object({
  appId: amsValue("AMS app id"),
  tokenKey: amsValue("AMS token key"),
  tokenSecret: amsValue("AMS token secret").min(16, "The AMS token secret is at least 16 characters"),
});

export const settingsSchemas = {
  mitto: mittoSettings,
  responsys: responsysSettings,
  wavy: wavySettings,
  attentive: attentiveSettings,
  salesforce: salesforceSettings,
  responsys_app: responsysAppSettings,
} as const;

export type SettingsOf<V extends Vendor> = z.output<(typeof settingsSchemas)[V]>;

export const secretFields: { [V in Vendor]: string[] } = {
  mitto: ["password", "apiKey"],
  responsys: ["password", "privateKey", "pgpPrivateKey", "pgpPassphrase"],
  wavy: ["password"],
  attentive: ["loyaltyToken", "apiKey", "legacyToken", "webhookSigningKey"],
  salesforce: ["consumerSecret", "password", "securityToken"],
  responsys_app: ["tokenSecret"],
};

/** Seed 003: Annex Cloud's access token is base64 of the JSON array [loyalty token, site id]. */
export function annexAccessToken(loyaltyToken: string, siteId: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify([loyaltyToken, siteId]));
  return btoa(String.fromCharCode(...bytes));
}

// Procedure inputs. Settings are checked against the vendor's schema inside the use case,
// after stored secrets are merged in on reconfigure.
const label = z.string().trim().min(1, "Enter a label").max(120);
const description = z.string().trim().max(500).optional();
const settingsInput = z.record(z.string(), z.unknown());

export const connectIntegrationInput = z.object({
  vendor: z.enum(vendors),
  label,
  description,
  sandbox: z.boolean(),
  settings: settingsInput,
});
export const reconfigureIntegrationInput = z.object({
  id: z.uuid(),
  data: z.object({ label, description, settings: settingsInput }),
});
export const integrationIdInput = z.object({ id: z.uuid() });
export const setIntegrationEnabledInput = z.object({ id: z.uuid(), data: z.object({ enabled: z.boolean() }) });
// What a sender may send a second when an admin has set nothing: WhatsApp's default of 80
// messages a second per business number (Mitto and Wavy both send through one), and
// Attentive's 150 requests a second per API token (its messages API has a token of its own).
export const DEFAULT_PACE = { mitto: 80, wavy: 80, attentive: 150 } as const;
export const defaultPaceOf = (vendor: string): number =>
  vendor in DEFAULT_PACE ? DEFAULT_PACE[vendor as keyof typeof DEFAULT_PACE] : DEFAULT_PACE.mitto;

// WhatsApp's messaging tiers run from 80 to 1,000 messages a second per number; empty means
// the vendor's default above.
export const senderPace = z
  .number({ error: "Enter a whole number of messages a second" })
  .int("Enter a whole number of messages a second")
  .min(1, "The pace is 1 to 1,000 messages a second")
  .max(1_000, "The pace is 1 to 1,000 messages a second")
  .nullable();
export const setSenderPaceInput = z.object({ id: z.uuid(), data: z.object({ messagesPerSecond: senderPace }) });
/** The pace form: empty is the vendor's default. */
export const senderPaceForm = z.object({
  messagesPerSecond: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(senderPace),
});
export const listIntegrationsInput = z.object({ includeUninstalled: z.boolean().default(false) });
