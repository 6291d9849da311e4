import { MERGE_FIELD, type LoyaltyActionType } from "./schema";

/** The text with its merge fields filled in, or the first merge field that has no value. */
export function renderText(
  body: string,
  values: Record<string, string | null | undefined>,
): { ok: true; text: string } | { ok: false; field: string } {
  const value = (name: string) => values[name]?.trim() ?? "";
  const missing = [...body.matchAll(MERGE_FIELD)].map((m) => m[1] ?? "").find((name) => value(name) === "");
  if (missing !== undefined) return { ok: false, field: missing };
  return { ok: true, text: body.replace(MERGE_FIELD, (_, name: string) => value(name)) };
}

// Annex Cloud's names for the actions a program texts [assumed: the notes name no values], read
// without regard to case, spaces or underscores ("Points Earned", "POINTS_EARNED").
const annexNames: Record<string, LoyaltyActionType> = {
  "points earned": "points_earned",
  "reward redeemed": "reward_redeemed",
  "tier change": "tier_change",
  "tier changed": "tier_change",
};

/** The program's action type for Annex Cloud's name of an action; null for actions it does not text. */
export function actionTypeOf(annexName: string): LoyaltyActionType | null {
  return (
    annexNames[
      annexName
        .toLowerCase()
        .replace(/[^a-z]+/g, " ")
        .trim()
    ] ?? null
  );
}
