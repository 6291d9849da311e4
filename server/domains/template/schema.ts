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
