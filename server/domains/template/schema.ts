import { z } from "zod";
import { pageInput } from "../../lib/page-input";

// Mirrors db/schema/templates.ts (template_status, template_category); kept here so client
// filters need no db code.
export const templateStatuses = [
  "APPROVED",
  "PENDING",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "IN_APPEAL",
  "ARCHIVED",
  "DELETED",
  "LIMIT_EXCEEDED",
] as const;
export type TemplateStatus = (typeof templateStatuses)[number];
export const templateCategories = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type TemplateCategory = (typeof templateCategories)[number];

// Empty strings come from "All" options in the filter selects: they mean "no filter".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

export const listTemplatesInput = pageInput.extend({
  integrationId: optional(z.uuid("This is not an integration id")),
  status: optional(z.enum(templateStatuses)),
  // Locale code as the vendor spells it: en, en_US, pt_BR.
  language: optional(z.string().trim().max(20)),
  category: optional(z.enum(templateCategories)),
  // Prefix of the template name (names are lower case, digits and underscores).
  search: z.string().trim().toLowerCase().max(100, "Search for at most 100 characters").default(""),
});
export type ListTemplatesInput = z.infer<typeof listTemplatesInput>;

export const templateIdInput = z.object({ id: z.uuid("This is not a template id") });
export const syncTemplatesInput = z.object({ integrationId: z.uuid("This is not an integration id") });

// An HSM code kept by hand (vendors with no template API, such as Wavy). Its placeholder count
// is never typed: it is read from the body's {{1}}, {{2}}… (render.ts).
const positionalBody = z
  .string()
  .trim()
  .min(1, "Write the template body")
  .max(1024, "WhatsApp template bodies hold at most 1,024 characters")
  .superRefine((body, ctx) => {
    const keys = [...body.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1] ?? "");
    const named = keys.find((k) => !/^\d+$/.test(k));
    if (named !== undefined) {
      ctx.addIssue({ code: "custom", message: `{{${named}}} is not a placeholder: number them {{1}}, {{2}}…` });
      return;
    }
    // Wavy fills the body from an ordered list (§2.1 of docs/vendors/wavy-sinch.md): no gaps.
    const numbers = [...new Set(keys.map(Number))].sort((a, b) => a - b);
    const gap = numbers.findIndex((n, i) => n !== i + 1);
    if (gap !== -1)
      ctx.addIssue({
        code: "custom",
        message: `Placeholders run {{1}}, {{2}}… without gaps: {{${gap + 1}}} is missing`,
      });
  });

export const hsmCodeChanges = z.object({
  category: z.enum(templateCategories, { message: "Choose Marketing, Utility or Authentication" }),
  body: positionalBody,
  status: z.enum(templateStatuses, { message: `Use one of ${templateStatuses.join(", ")}` }),
});
export const hsmCodeFields = hsmCodeChanges.extend({
  // The element name Wavy sends it by (§1 of docs/vendors/whatsapp-templates.md).
  name: z
    .string()
    .trim()
    .min(1, "Enter the HSM code")
    .max(512, "An HSM code holds at most 512 characters")
    .regex(/^[a-z0-9_]+$/, "An HSM code is lower-case letters, digits and underscores"),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "Write the language as WhatsApp does: pt_BR, en_US or en"),
});
export type HsmCodeFields = z.infer<typeof hsmCodeFields>;

export const createTemplateInput = hsmCodeFields.extend({ integrationId: z.uuid("This is not an integration id") });
// The code and language name the HSM at the vendor; changing them is a new code.
export const updateTemplateInput = z.object({ id: z.uuid("This is not a template id"), data: hsmCodeChanges });
export const importTemplatesInput = z.object({
  integrationId: z.uuid("This is not an integration id"),
  csv: z.string().min(1, "Choose the CSV file to import").max(1_000_000, "Import at most 1 MB at a time"),
});
