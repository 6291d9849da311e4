import { Badge } from "@/app/_components/ui/badge";

const tones = {
  active: "success",
  draft: "neutral",
  disabled: "neutral",
  error: "danger",
  uninstalled: "neutral",
} as const;

export function StatusBadge({ status }: { status: keyof typeof tones }) {
  return <Badge tone={tones[status]}>{status[0]?.toUpperCase() + status.slice(1)}</Badge>;
}
