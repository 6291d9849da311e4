"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormat } from "@/app/_components/format";
import { DataTable } from "@/app/_components/ui/table";
import type { getListHealth } from "@/server/domains/contact/get-list-health";
import { channelLabels } from "./labels";

type Health = Awaited<ReturnType<typeof getListHealth>>;
type Row = Health["channels"][number] & { total: number };

function Share({ n, total }: { n: number; total: number }) {
  const format = useFormat();
  return `${format.count(n)} (${format.percent(total ? n / total : 0)})`;
}

// One row per channel, in a fixed order: nothing to sort.
const columns: ColumnDef<Row>[] = [
  {
    id: "channel",
    header: "Channel",
    cell: ({ row }) => channelLabels[row.original.channel],
    meta: { rowHeader: true },
  },
  { id: "optIn", header: "Opt-in", cell: ({ row: { original: c } }) => <Share n={c.optIn} total={c.total} /> },
  { id: "optOut", header: "Opt-out", cell: ({ row: { original: c } }) => <Share n={c.optOut} total={c.total} /> },
  {
    id: "notRecorded",
    header: "Not recorded",
    cell: ({ row: { original: c } }) => <Share n={c.notRecorded} total={c.total} />,
  },
  { id: "total", header: "Total", cell: ({ row: { original: c } }) => <Share n={c.total} total={c.total} /> },
];

/** The profile list's health, as Responsys shows it: who may be messaged on each channel, at a glance. */
export function ListHealth({ health }: { health: Health }) {
  return (
    <section aria-labelledby="list-health-heading" className="mb-6 rounded-lg border border-line bg-white">
      <h2 id="list-health-heading" className="border-b border-line px-4 py-3 text-base font-semibold">
        List health
      </h2>
      <DataTable
        columns={columns}
        data={health.channels.map((c) => ({ ...c, total: health.total }))}
        getRowId={(c) => c.channel}
        compact
      />
    </section>
  );
}
