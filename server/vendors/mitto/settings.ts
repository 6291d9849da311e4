import { z } from "zod";
import { required } from "../fields";

// What connecting a Mitto account asks for: the terms and the Mitto login (password or API key).
// No WhatsApp template namespace: Mitto's send body names a template by name and language only
// (§3 of docs/vendors/mitto.md), so nothing would use it. No Responsys location either: the
// Responsys CX app learns it from Responsys's install call (configure-app.ts).
export const mittoSettings = z
  .object({
    acceptTerms: z.literal(true, { message: "Accept the terms and conditions to continue" }),
    username: required("Mitto email or username"),
    authMethod: z.enum(["password", "apiKey"]),
    password: z.string().optional(),
    apiKey: z.string().optional(),
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

export const mittoSecretFields = ["password", "apiKey"];
