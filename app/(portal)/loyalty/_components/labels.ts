import { actionLabels, type LoyaltyActionType } from "@/server/domains/loyalty/schema";

type SmsStatus = "pending" | "sending" | "sent" | "failed" | "skipped";

export const smsStatusLabels: Record<SmsStatus, string> = {
  pending: "Waiting",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  skipped: "Skipped",
};
export const smsStatusTone = (status: SmsStatus): "success" | "danger" | "neutral" | "brand" =>
  status === "sent" ? "success" : status === "failed" ? "danger" : status === "skipped" ? "neutral" : "brand";

/** What happened, in a few words: "Points earned: 250 (balance 1250)". */
export function actionSummary(type: LoyaltyActionType, details: Record<string, string>): string {
  const balance = details.balance ? ` (balance ${details.balance})` : "";
  if (type === "points_earned") return `${actionLabels[type]}: ${details.points ?? "?"}${balance}`;
  if (type === "reward_redeemed") return `${actionLabels[type]}: ${details.reward ?? "a reward"}${balance}`;
  return `${actionLabels[type]}: ${details.tier ?? "new tier"}`;
}
