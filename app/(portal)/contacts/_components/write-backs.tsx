import type { ColumnDef } from "@tanstack/react-table";
import { When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { DataTable } from "@/app/_components/ui/table";
import type { ContactDetail } from "./contact-form";
import { channelLabels } from "./labels";

type WriteBack = ContactDetail["writeBacks"][number];

const targetLabels: Record<WriteBack["target"], string> = {
  responsys: "Responsys profile list",
  attentive: "Attentive subscription",
};

/** Pending after a failed attempt means it is being retried. */
function statusOf(w: WriteBack) {
  if (w.status === "done") return { label: "Done", tone: "success" as const };
  if (w.status === "failed") return { label: "Failed", tone: "danger" as const };
  return w.attempts > 0
    ? { label: "Retrying", tone: "brand" as const }
    : { label: "Pending", tone: "neutral" as const };
}

const columns: ColumnDef<WriteBack>[] = [
  {
    id: "when",
    header: "When",
    accessorFn: (w) => w.updatedAt,
    sortingFn: "datetime",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row: { original: w } }) => <When value={w.updatedAt} />,
  },
  { id: "target", header: "Target", accessorFn: (w) => targetLabels[w.target] },
  { id: "channel", header: "Channel", accessorFn: (w) => channelLabels[w.channel] },
  {
    id: "status",
    header: "Status",
    accessorFn: (w) => statusOf(w).label,
    cell: ({ row: { original: w } }) => <Badge tone={statusOf(w).tone}>{statusOf(w).label}</Badge>,
  },
  { id: "attempts", header: "Attempts", accessorFn: (w) => w.attempts },
  {
    id: "result",
    header: "Result or error",
    accessorFn: (w) => w.lastError ?? w.outcome ?? undefined,
    cell: ({ row: { original: w } }) =>
      w.lastError ? (
        <span className="text-danger">{w.lastError}</span>
      ) : (
        <span className="text-muted">{w.outcome}</span>
      ),
  },
];

/** What the consent changes above owed the systems the number lives in, and how each went. */
export function WriteBacks({ writeBacks }: { writeBacks: ContactDetail["writeBacks"] }) {
  return (
    <section aria-labelledby="write-backs-heading" className="rounded-lg border border-line bg-white">
      <div className="border-b border-line px-5 py-4">
        <h2 id="write-backs-heading" className="text-lg font-semibold">
          Write-backs
        </h2>
        <p className="mt-1 text-sm text-muted">
          Opt-outs are written back where the number came from (the Responsys profile list&apos;s opt-in field), and SMS
          consent to Attentive. Failed attempts are retried.
        </p>
      </div>
      <DataTable
        columns={columns}
        data={writeBacks}
        sortable
        empty={{ message: "Nothing to write back: no consent change here was owed to another system." }}
      />
    </section>
  );
}
