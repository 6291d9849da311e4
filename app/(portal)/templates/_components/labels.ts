import type { TemplateStatus } from "@/server/domains/template/schema";

export const statusTone = (status: TemplateStatus): "success" | "danger" | "neutral" | "brand" =>
  status === "APPROVED"
    ? "success"
    : status === "PENDING" || status === "IN_APPEAL"
      ? "brand"
      : status === "REJECTED" || status === "DISABLED" || status === "DELETED"
        ? "danger"
        : "neutral";

/** APPROVED → Approved, LIMIT_EXCEEDED → Limit exceeded (statuses and categories). */
export const enumLabel = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, " ");

/** Why a stored template can no longer be sent, in words (dates put by `when`); null when it can. */
export function templateMarking(
  t: { status: TemplateStatus; missingSince: Date | null; statusChangedAt: Date | null; retiredAt: Date | null },
  when: (at: Date) => string,
): string | null {
  if (t.retiredAt) return `Retired ${when(t.retiredAt)}`;
  if (t.missingSince) return `Missing since ${when(t.missingSince)}`;
  if (t.status === "APPROVED") return null;
  if (t.status === "PENDING" || t.status === "IN_APPEAL") return "Awaiting approval";
  // A status seen to change away from what it was (approved, usually) is the case to flag.
  return t.statusChangedAt ? "No longer approved" : "Not approved";
}
