import { z } from "zod";
import { pageInput } from "../../lib/page-input";

// Inputs of the conversations screen and of the external desk's close webhook. Pure: the
// reply and close forms use them too.

// Waiting: open with the customer waiting for an answer; overdue: waiting past the service level.
export const conversationFilters = ["open", "mine", "waiting", "overdue", "closed", "all"] as const;
export type ConversationFilter = (typeof conversationFilters)[number];

export const listConversationsInput = pageInput.extend({ filter: z.enum(conversationFilters).default("open") });

export const conversationIdInput = z.object({ id: z.uuid("This is not a conversation id") });

// Profiles (outcomes) are free text: workspaces name their own, e.g. "Resolved", "Sale".
const profile = z
  .string()
  .trim()
  .max(120, "Keep the outcome under 120 characters")
  .optional()
  .transform((v) => (v ? v : undefined));

export const closeConversationInput = z.object({ id: z.uuid("This is not a conversation id"), profile });

/** Body of POST /api/conversations/{id}/close from an external agent desk. */
export const deskCloseBody = z.strictObject({
  profile,
  agentEmail: z.email("agentEmail must be an email address").optional(),
});

// WhatsApp allows free-form text only inside the 24-hour window; outside it, a template.
export const replyInput = z.discriminatedUnion("kind", [
  z.object({
    id: z.uuid(),
    kind: z.literal("text"),
    text: z.string().trim().min(1, "Write a reply").max(4_096, "WhatsApp messages hold at most 4,096 characters"),
  }),
  z.object({
    id: z.uuid(),
    kind: z.literal("template"),
    templateId: z.uuid("Choose a template"),
    parameters: z.array(z.string().trim().min(1, "Fill in every placeholder").max(1_024)).max(20),
  }),
]);
export type ReplyInput = z.infer<typeof replyInput>;

export const retrySyncInput = z.object({ conversationId: z.uuid("This is not a conversation id") });

export const caseSyncStatuses = ["pending", "running", "synced", "failed"] as const;
export const syncHistoryInput = pageInput.extend({ status: z.enum(caseSyncStatuses).optional() });
