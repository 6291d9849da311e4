import { z } from "zod";
import { required } from "../fields";
import { responsysPods } from "../responsys/settings";

// What the Mitto app configuration form asks for: the Responsys location it runs in, the
// Mitto login (password or API key) and the WhatsApp template namespace.
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

export const mittoSecretFields = ["password", "apiKey"];
