import { Badge } from "@/app/_components/ui/badge";

const labels = {
  received: "Received",
  queued: "Sending",
  reporting: "Reporting",
  completed: "Completed",
  failed: "Failed",
} as const;

export function InvocationStatus({ status }: { status: keyof typeof labels }) {
  return (
    <Badge tone={status === "failed" ? "danger" : status === "completed" ? "success" : "brand"}>{labels[status]}</Badge>
  );
}
