import { z } from "zod";
import { pageInput } from "../../lib/page-input";

// Loyalty SMS: Annex Cloud customers receive texts through Attentive for their loyalty actions.
// The action types Annex Cloud reports that a program can text, each with the merge fields its
// text may use: the member's first name from the contact, the rest from Annex Cloud's action.
export const loyaltyActionTypes = ["points_earned", "reward_redeemed", "tier_change"] as const;
export type LoyaltyActionType = (typeof loyaltyActionTypes)[number];

export const actionLabels: Record<LoyaltyActionType, string> = {
  points_earned: "Points earned",
  reward_redeemed: "Reward redeemed",
  tier_change: "Tier change",
};

export const mergeFields: Record<LoyaltyActionType, readonly string[]> = {
  points_earned: ["first_name", "points", "balance"],
  reward_redeemed: ["first_name", "reward", "points", "balance"],
  tier_change: ["first_name", "tier", "balance"],
};

/** A merge field in a text: {{points}}. */
export const MERGE_FIELD = /\{\{\s*([A-Za-z_]+)\s*\}\}/g;

// The legacy messages API takes up to 1,600 characters like any long SMS; Attentive prepends the brand.
const MAX_TEXT = 1600;

function ruleFor(type: LoyaltyActionType) {
  const fields = mergeFields[type];
  return z
    .object({
      enabled: z.boolean(),
      body: z
        .string()
        .trim()
        .max(MAX_TEXT, `A text is at most ${MAX_TEXT.toLocaleString("en")} characters`),
    })
    .superRefine((rule, ctx) => {
      if (rule.enabled && rule.body === "")
        ctx.addIssue({
          code: "custom",
          path: ["body"],
          message: `Write the text for ${actionLabels[type]}, or switch it off`,
        });
      const unknown = [...rule.body.matchAll(MERGE_FIELD)]
        .map((m) => m[1] ?? "")
        .find((name) => !fields.includes(name));
      if (unknown !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["body"],
          message: `{{${unknown}}} is not a merge field of ${actionLabels[type]}: use ${fields.map((f) => `{{${f}}}`).join(", ")}`,
        });
      } else if (/[{}]/.test(rule.body.replace(MERGE_FIELD, ""))) {
        // Attentive silently drops a text containing { or } [doc].
        ctx.addIssue({
          code: "custom",
          path: ["body"],
          message: "Attentive drops texts containing { or }: use braces only around merge fields, such as {{points}}",
        });
      }
    });
}

export const saveProgramInput = z
  .object({
    integrationId: z.uuid({ error: "Choose the Attentive integration to text through" }),
    enabled: z.boolean(),
    rules: z.object({
      points_earned: ruleFor("points_earned"),
      reward_redeemed: ruleFor("reward_redeemed"),
      tier_change: ruleFor("tier_change"),
    }),
  })
  .superRefine((program, ctx) => {
    if (program.enabled && !loyaltyActionTypes.some((t) => program.rules[t].enabled)) {
      ctx.addIssue({
        code: "custom",
        path: ["enabled"],
        message: "Switch on at least one action type, or turn the program off",
      });
    }
  });
export type SaveProgramInput = z.infer<typeof saveProgramInput>;

export const listActionsInput = pageInput;

/** Why an action's text was not sent, as the actions list says it. */
export const skipReasons = {
  action_off: "Action type switched off",
  no_opt_in: "No SMS opt-in",
  opted_out: "Opted out of SMS",
  no_mobile: "No mobile number",
  not_eligible: "Not eligible in Attentive",
  missing_value: "Missing merge value",
  contact_gone: "Contact deleted",
} as const;
export type SkipReason = keyof typeof skipReasons;
