"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { BarChart3 } from "lucide-react";
import Link from "next/link";
import { Count, When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import type { listSegments } from "@/server/domains/segment/list-segments";
import { segmentsListInput, segmentsPaging } from "./segments-query";

const WhenOrNever = ({ at }: { at: Date | null }) =>
  at ? <When value={at} /> : <span className="text-muted">Never</span>;

type Segment = Awaited<ReturnType<typeof listSegments>>["items"][number];

// Paged from the server, most recently changed first: the columns do not sort.
const columns: ColumnDef<Segment>[] = [
  {
    id: "name",
    header: "Name",
    meta: { className: "font-medium" },
    cell: ({ row: { original: s } }) => (
      <>
        <Link href={`/segments/${s.id}`} className="text-brand-600 hover:underline">
          {s.name}
        </Link>
        {s.description ? <p className="text-xs font-normal text-muted">{s.description}</p> : null}
      </>
    ),
  },
  {
    id: "kind",
    header: "Kind",
    cell: ({ row: { original: s } }) => (
      <Badge tone={s.kind === "dynamic" ? "brand" : "neutral"}>{s.kind === "dynamic" ? "Dynamic" : "Static"}</Badge>
    ),
  },
  {
    id: "lastCount",
    header: "Last count",
    meta: { className: "tabular-nums" },
    cell: ({ row: { original: s } }) => (s.lastCount === null ? "—" : <Count value={s.lastCount} />),
  },
  {
    id: "lastCounted",
    header: "Last counted",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row }) => <WhenOrNever at={row.original.lastCountedAt} />,
  },
  {
    id: "updated",
    header: "Updated",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row }) => <WhenOrNever at={row.original.updatedAt} />,
  },
];

/** The workspace's saved segments, most recently changed first. */
export function SegmentsTable() {
  const trpc = useTRPC();
  const segments = useInfiniteQuery(trpc.segment.list.infiniteQueryOptions(segmentsListInput, segmentsPaging));
  return (
    <DataTable
      columns={columns}
      data={segments.data?.pages.flatMap((p) => p.items) ?? []}
      caption="Saved segments, most recently changed first"
      className="rounded-lg border border-line bg-white"
      pages={segments}
      state={{
        loading: segments.isPending && "Loading segments…",
        busy: segments.isFetching && !segments.isFetchingNextPage,
        error: loadError("The segments", segments),
      }}
      empty={{
        card: { icon: BarChart3, title: "No segments yet" },
        message: (
          <>
            <p>
              Build one with New segment: combine contact fields, custom attributes, consent and message history, and
              watch the count as you go.
            </p>
            <p>Or upload a list of mobile numbers or email addresses as a static segment.</p>
          </>
        ),
      }}
    />
  );
}
