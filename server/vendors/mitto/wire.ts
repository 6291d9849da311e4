import { z } from "zod";

// Bodies of Mitto's Messaging ("Chat") API, the one that sends WhatsApp templates.
// Vendor notes: §3 of docs/vendors/mitto.md. Where a shape is [assumed] the schema is lenient.

/**
 * POST /v1/Customers/login. The path is documented, the body is not [assumed]: the Responsys
 * app asks for an "email/username", so the login goes out under both names.
 */
export const loginRequest = z.object({ email: z.string(), username: z.string(), password: z.string() });
export type LoginRequest = z.infer<typeof loginRequest>;

const nonEmpty = z.string().min(1);

/** The token's field name is [assumed]; the usual spellings are accepted. */
export const loginResponse = z.union([
  z.object({ token: nonEmpty }).transform((v) => v.token),
  z.object({ accessToken: nonEmpty }).transform((v) => v.accessToken),
  z.object({ access_token: nonEmpty }).transform((v) => v.access_token),
]);

/** GET /api/v1/trafficAccounts: not documented [assumed], a plain array like the template list. */
export const trafficAccounts = z.array(
  z.object({
    id: nonEmpty,
    name: z.string().nullish(),
    channel: z.string().nullish(),
    phoneNumber: z.string().nullish(),
  }),
);

// Meta Cloud API template shape (§1 of docs/vendors/whatsapp-templates.md); component types are
// upper-cased because BSPs differ in how they spell them.
const templateComponent = z.object({
  type: z.string().transform((t) => t.toUpperCase()),
  format: z.string().optional(),
  text: z.string().optional(),
  buttons: z.array(z.object({ type: z.string(), text: z.string().optional() })).optional(),
  // Sample values Meta keeps with the template, positional or named: §1 of
  // docs/vendors/whatsapp-templates.md.
  example: z
    .object({
      body_text: z.array(z.array(z.string())).optional(),
      body_text_named_params: z.array(z.object({ param_name: z.string(), example: z.string() })).optional(),
    })
    .optional(),
});

/** GET /api/v1/trafficAccounts/{trafficAccountId}/WhatsAppTemplates [obs]: a plain array, no paging. */
export const whatsAppTemplates = z.array(
  z.object({
    name: z.string(),
    language: z.string(),
    category: z.string(),
    // Kept a string: Meta keeps adding statuses (IN_APPEAL, LIMIT_EXCEEDED...).
    status: z.string(),
    components: z.array(templateComponent).default([]),
  }),
);
export type MittoTemplate = z.output<typeof whatsAppTemplates>[number];

/** POST /api/v1.1/Messages/send, WhatsApp template variant [obs]. */
export const sendTemplateRequest = z.object({
  trafficAccountId: z.string(),
  destination: z.string(),
  whatsapp: z.object({
    type: z.literal("template"),
    template: z.object({
      name: z.string(),
      // Must be the object form: a bare string is accepted, then the message fails with
      // "Can't get template language code" [obs].
      language: z.object({ code: z.string() }),
      components: z
        .array(
          z.object({
            type: z.literal("body"),
            parameters: z.array(z.object({ type: z.literal("text"), text: z.string() })),
          }),
        )
        .optional(),
    }),
  }),
});
export type SendTemplateRequest = z.infer<typeof sendTemplateRequest>;

/**
 * POST /api/v1.1/Messages/send, WhatsApp session (free-form) text. [assumed]: only the template
 * variant is observed; this follows the Meta Cloud API text message the `whatsapp` body mirrors
 * (§3 of docs/vendors/mitto.md). WhatsApp delivers it only inside the customer's 24-hour window.
 */
export const sendTextRequest = z.object({
  trafficAccountId: z.string(),
  destination: z.string(),
  whatsapp: z.object({ type: z.literal("text"), text: z.object({ body: z.string() }) }),
});
export type SendTextRequest = z.infer<typeof sendTextRequest>;

const sent = z.object({ messageId: nonEmpty });

/** Two answers are seen in the wild [obs]: a `messages` array, or a flat id. */
export const sendResponse = z.union([
  z.object({ messages: z.tuple([sent], sent) }).transform((v) => v.messages[0].messageId),
  z.object({ messageId: nonEmpty }).transform((v) => v.messageId),
  z.object({ id: nonEmpty }).transform((v) => v.id),
]);

/** GET /api/v1.1/Messages/{messageId} [obs]; only the fields we use. */
export const message = z.object({
  messageId: nonEmpty,
  deliveryStatus: z.string(),
  description: z.string().nullish(),
});

/**
 * Error bodies [obs]: a `message`, or an `errors` array. The `title` + `errors`-by-field form
 * is ASP.NET's validation answer, which the versioned PascalCase paths suggest [assumed].
 */
export const errorBody = z.object({
  message: z.string().optional(),
  title: z.string().optional(),
  error: z.string().optional(),
  errors: z
    .union([
      z.array(
        z.union([z.string(), z.object({ code: z.union([z.string(), z.number()]).optional(), message: z.string() })]),
      ),
      z.record(z.string(), z.array(z.string())),
    ])
    .optional(),
});
