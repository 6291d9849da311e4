import type { ColumnDef } from "@tanstack/react-table";
import { When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { DataTable } from "@/app/_components/ui/table";
import type { ContactDetail } from "./contact-form";
import { channelLabels, sourceLabels, stateLabels } from "./labels";

// Who acted when no user did: the contact texting a keyword, or the vendor reporting an unsubscribe.
const noActor: Partial<Record<ContactDetail["history"][number]["source"], string>> = {
  keyword: "The contact",
  vendor_unsubscribe: "The vendor",
};

type Entry = ContactDetail["history"][number];
const actorOf = (e: Entry) => e.actorName ?? noActor[e.source] ?? "System";

// The ledger on screen is the whole of it (or its newest entries, as the footer says), so it sorts there.
const columns: ColumnDef<Entry>[] = [
  {
    id: "when",
    header: "When",
    accessorFn: (e) => e.at,
    sortingFn: "datetime",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row: { original: e } }) => <When value={e.at} />,
  },
  { id: "channel", header: "Channel", accessorFn: (e) => channelLabels[e.channel] },
  {
    id: "change",
    header: "Change",
    accessorFn: (e) => stateLabels[e.state],
    cell: ({ row: { original: e } }) => (
      <Badge tone={e.state === "opt_in" ? "success" : "danger"}>{stateLabels[e.state]}</Badge>
    ),
  },
  { id: "source", header: "Source", accessorFn: (e) => sourceLabels[e.source] },
  {
    id: "by",
    header: "By",
    accessorFn: actorOf,
    cell: ({ row: { original: e } }) => e.actorName ?? <span className="text-muted">{actorOf(e)}</span>,
  },
  { id: "evidence", header: "Evidence", accessorFn: (e) => e.evidence ?? undefined, meta: { className: "text-muted" } },
];

/** The ledger the current consent is derived from, newest first. */
export function ConsentHistory({ history, truncated }: { history: ContactDetail["history"]; truncated: boolean }) {
  return (
    <section aria-labelledby="consent-history-heading" className="rounded-lg border border-line bg-white">
      <div className="border-b border-line px-5 py-4">
        <h2 id="consent-history-heading" className="text-lg font-semibold">
          Consent history
        </h2>
        <p className="mt-1 text-sm text-muted">
          Every opt-in and opt-out for this contact, with where it came from. The current state per channel is the
          newest entry; on the same moment, an opt-out wins.
        </p>
      </div>
      <DataTable
        columns={columns}
        data={history}
        sortable
        empty={{
          message:
            "Nothing recorded yet. Set a permission status with Edit; imports, opt-out keywords and vendor unsubscribes are recorded here too.",
        }}
      />
      {truncated ? (
        <p className="border-t border-line px-4 py-3 text-sm text-muted">
          Showing the newest {history.length} entries.
        </p>
      ) : null}
    </section>
  );
}
