import type { Vendor } from "@/server/vendors/settings";

// The setup wizard of each vendor, as its integration guide describes it. One generic wizard
// renders these; fields map one to one onto the vendor's settings schema.

export type Field = {
  name: string;
  label: string;
  kind: "text" | "password" | "textarea" | "select" | "checkbox" | "lines";
  options?: { value: string; label: string }[];
  help?: string;
  placeholder?: string;
  /** Shown only when this returns true for the current values. */
  when?: (values: Record<string, unknown>) => boolean;
};
export type Step = {
  title: string;
  intro?: string[];
  bullets?: string[];
  fields: Field[];
  /** Label of the button that leaves this step (default "Continue"). */
  next?: string;
  link?: { href: string; label: string };
  /** Show the Annex Cloud access token (base64 of [loyalty token, site id]) computed from the fields. */
  showAnnexToken?: boolean;
};
export type VendorEntry = { name: string; summary: string; steps: Step[]; defaults: Record<string, unknown> };

const naming: Field[] = [
  { name: "label", label: "Label", kind: "text", help: "How this integration is named across Switchboard." },
  { name: "description", label: "Description (optional)", kind: "textarea" },
  { name: "sandbox", label: "Test mode: connect to the Switchboard sandbox instead of the vendor", kind: "checkbox" },
];

const sftpFields: Field[] = [
  { name: "host", label: "Host", kind: "text" },
  { name: "port", label: "Port", kind: "text" },
  { name: "username", label: "Username", kind: "text" },
  { name: "privateKey", label: "Private key", kind: "textarea", placeholder: "-----BEGIN OPENSSH PRIVATE KEY-----" },
  {
    name: "folder",
    label: "Folder (optional)",
    kind: "text",
    help: "Where files are placed; the home folder when empty.",
  },
];
const isMethod =
  (...methods: string[]) =>
  (v: Record<string, unknown>) =>
    methods.includes(String(v.method));

export const catalog: Record<Vendor, VendorEntry> = {
  mitto: {
    name: "Mitto WhatsApp for Responsys",
    summary: "Send WhatsApp template messages from Oracle Responsys programs through Mitto.",
    defaults: { label: "Mitto WhatsApp", sandbox: false, authMethod: "password", acceptTerms: false },
    steps: [
      {
        title: "Integration",
        intro: [
          "This connects a Mitto account to Switchboard, for campaigns, dialer lists and templates.",
          "To send from Responsys programs, connect the Responsys CX app instead: Responsys then installs it (asking for your Responsys location and the app's permissions) and opens its configuration page, where the Mitto account is entered.",
        ],
        link: { href: "/integrations/new/responsys_app", label: "Connect the Responsys CX app" },
        fields: naming,
      },
      {
        title: "Terms",
        intro: [
          "WhatsApp insists on opt-in: you must have each customer's consent before messaging them, and honour opt-out keywords.",
          "The integration sends one-way template messages with placeholders; the only thing a recipient can send back is an opt-out keyword.",
        ],
        fields: [{ name: "acceptTerms", label: "I accept the terms and conditions", kind: "checkbox" }],
      },
      {
        title: "Mitto account",
        intro: ["Enter your Mitto account, which Mitto gives you."],
        link: { href: "https://www.mitto.ch/", label: "No Mitto account yet? Sign up first" },
        fields: [
          { name: "username", label: "Mitto email or username", kind: "text" },
          {
            name: "authMethod",
            label: "Sign in with",
            kind: "select",
            options: [
              { value: "password", label: "Password" },
              { value: "apiKey", label: "API key" },
            ],
          },
          { name: "password", label: "Password", kind: "password", when: (v) => v.authMethod === "password" },
          { name: "apiKey", label: "API key", kind: "password", when: (v) => v.authMethod === "apiKey" },
        ],
      },
    ],
  },
  responsys: {
    name: "Oracle Responsys",
    summary: "Authorize Switchboard to export audiences and import activity (Interact API, SFTP, or SFTP with PGP).",
    defaults: { label: "Responsys", sandbox: false, method: "interact", port: "22" },
    steps: [
      {
        title: "Method",
        fields: [
          ...naming,
          {
            name: "method",
            label: "Authorization method",
            kind: "select",
            options: [
              { value: "interact", label: "Responsys Interact" },
              { value: "sftp", label: "Responsys SFTP server" },
              { value: "sftp_pgp", label: "Responsys SFTP server with PGP" },
            ],
          },
        ],
      },
      {
        title: "Credentials",
        fields: [
          { name: "username", label: "Username", kind: "text", when: isMethod("interact") },
          { name: "password", label: "Password", kind: "password", when: isMethod("interact") },
          {
            name: "endpoint",
            label: "Endpoint URI",
            kind: "text",
            placeholder: "login2.responsys.net",
            help: "Like login2.responsys.net, login.rsys8.net or AccountToken-api.responsys.ocs.oraclecloud.com",
            when: isMethod("interact"),
          },
          {
            name: "profileList",
            label: "Profile list for message statuses (optional)",
            kind: "text",
            placeholder: "CONTACTS",
            help: "Campaigns write each contact's last message status into this list too, matched by mobile number (or email).",
            when: isMethod("interact"),
          },
          ...sftpFields.map((f) => ({ ...f, when: isMethod("sftp", "sftp_pgp") })),
          {
            name: "pgpPrivateKey",
            label: "PGP private key",
            kind: "textarea",
            placeholder: "-----BEGIN PGP PRIVATE KEY BLOCK-----",
            when: isMethod("sftp_pgp"),
          },
          { name: "pgpPassphrase", label: "PGP private key passphrase", kind: "password", when: isMethod("sftp_pgp") },
        ],
      },
    ],
  },
  wavy: {
    name: "Wavy WhatsApp",
    summary: "Send HSM templates and session messages through Wavy, and receive replies and statuses.",
    defaults: { label: "Wavy WhatsApp", sandbox: false, smsRegExp: "." },
    steps: [
      {
        title: "Provider",
        fields: [
          ...naming,
          { name: "username", label: "Username", kind: "text", help: "Provided by Wavy." },
          {
            name: "password",
            label: "Password",
            kind: "password",
            help: "Provided by Wavy (the authentication token).",
          },
          {
            name: "smsRegExp",
            label: "SMS RegExp",
            kind: "text",
            help: "Numbers this provider may message; “.” accepts every number.",
          },
          {
            name: "smsFromNamespace",
            label: "SMSFrom namespace",
            kind: "text",
            help: "Provided by Wavy after account creation.",
          },
          {
            name: "dids",
            label: "Approved numbers (DIDs), one per line",
            kind: "lines",
            placeholder: "+5511987650000",
          },
        ],
      },
    ],
  },
  attentive: {
    name: "Attentive SMS with Annex Cloud",
    summary: "Subscribe loyalty members to Attentive SMS and send texts when they earn, redeem or change tier.",
    defaults: { label: "Attentive SMS", sandbox: false },
    steps: [
      {
        title: "Annex Cloud",
        intro: ["Annex Cloud provides your site id and loyalty token; the access token is computed from them."],
        fields: [
          ...naming,
          { name: "annexSiteId", label: "Site ID", kind: "text" },
          { name: "loyaltyToken", label: "Loyalty token", kind: "password" },
        ],
        showAnnexToken: true,
      },
      {
        title: "Attentive",
        intro: [
          "The API key comes from the custom app you create in Attentive’s Integrations tab; the sign-up source id from the sign-up flow in its Subscribers tab.",
        ],
        fields: [
          { name: "apiKey", label: "Attentive API key", kind: "password" },
          {
            name: "legacyToken",
            label: "Legacy messages token",
            kind: "password",
            help: "Attentive activates it on request to legacyapi@attentivemobile.com.",
          },
          { name: "signUpSourceId", label: "Sign-up source ID", kind: "text" },
          {
            name: "webhookSigningKey",
            label: "Webhook signing key (optional)",
            kind: "password",
            help: "Shown by Attentive when you create the webhook for subscription events; unsubscribes reported by Attentive are recorded only with it.",
          },
        ],
      },
    ],
  },
  salesforce: {
    name: "Salesforce case sync",
    summary:
      "When an agent closes a WhatsApp conversation, record it as a Salesforce Case with one comment per message.",
    defaults: {
      label: "Salesforce",
      sandbox: false,
      loginUrl: "https://login.salesforce.com",
      flow: "password",
      apiVersion: "62.0",
      setAuditFields: true,
      addAttachments: true,
      enabled: true,
    },
    steps: [
      {
        title: "Connected app",
        intro: ["From Setup → Apps → Manage Connected Apps in Salesforce."],
        fields: [
          ...naming,
          {
            name: "loginUrl",
            label: "Login URL",
            kind: "text",
            help: "https://login.salesforce.com, https://test.salesforce.com or your My Domain URL.",
          },
          {
            name: "flow",
            label: "Sign-in flow",
            kind: "select",
            options: [
              { value: "password", label: "Username and password (older orgs)" },
              { value: "client_credentials", label: "Client credentials (orgs from Summer ’23)" },
            ],
          },
          { name: "consumerKey", label: "Consumer key", kind: "text" },
          { name: "consumerSecret", label: "Consumer secret", kind: "password" },
        ],
      },
      {
        title: "API user",
        fields: [
          { name: "username", label: "Username of the API user", kind: "text", when: (v) => v.flow === "password" },
          { name: "password", label: "Password of the API user", kind: "password", when: (v) => v.flow === "password" },
          {
            name: "securityToken",
            label: "Security token of the API user",
            kind: "password",
            when: (v) => v.flow === "password",
          },
          { name: "apiVersion", label: "API version", kind: "text" },
        ],
      },
      {
        title: "Options",
        fields: [
          {
            name: "setAuditFields",
            label: "SetAuditFields: post customer and agent comments as different users, at the WhatsApp message time",
            kind: "checkbox",
          },
          {
            name: "addAttachments",
            label: "AddAttachments: upload attachments to Salesforce (otherwise post them as links)",
            kind: "checkbox",
          },
          {
            name: "customerCommentUsername",
            label: "Username of the Salesforce user for customer comments",
            kind: "text",
          },
          { name: "enabled", label: "Enabled", kind: "checkbox" },
        ],
      },
    ],
  },
  responsys_app: {
    name: "Oracle Responsys CX app",
    summary: "Let Responsys programs install Switchboard as an app and hand contacts in their Apps step to WhatsApp.",
    defaults: { label: "Responsys CX app", sandbox: false },
    steps: [
      {
        title: "App registration",
        intro: [
          "Register the app in Oracle's App Management (AMS) first; it issues the app id, token key and token secret entered here.",
          "After saving, this integration's page lists the endpoint URLs to enter in AMS and the install link.",
        ],
        fields: [
          ...naming,
          { name: "appId", label: "App id", kind: "text", help: "The id AMS gave the app." },
          {
            name: "tokenKey",
            label: "Token key",
            kind: "text",
            help: "AMS “Token Key”: the audience of every token AMS signs for the app.",
          },
          {
            name: "tokenSecret",
            label: "Token secret",
            kind: "password",
            help: "AMS “Token Secret”: signs AMS’s calls to the app.",
          },
        ],
      },
    ],
  },
};
