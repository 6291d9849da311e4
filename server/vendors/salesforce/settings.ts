import { z } from "zod";
import { required } from "../fields";

export const salesforceSettings = z
  .object({
    // The portal sends the org's credentials there: only Salesforce's own https hosts (login,
    // test, My Domain). Test mode talks to the sandbox whatever this says.
    loginUrl: z
      .url("Enter the login URL, e.g. https://login.salesforce.com")
      .refine((v) => /^https:\/\/([a-z0-9-]+\.)+(salesforce|force|cloudforce)\.com\/?$/i.test(v), {
        message:
          "Use an https Salesforce login URL, e.g. https://login.salesforce.com or https://acme.my.salesforce.com",
      })
      .default("https://login.salesforce.com"),
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

export const salesforceSecretFields = ["consumerSecret", "password", "securityToken"];
