"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { BarChart3 } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { Badge } from "@/app/_components/ui/badge";
import { DataTable } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { formatCount, formatWhen } from "./labels";
import { segmentsListInput, segmentsPaging } from "./segments-query";
import { LoadMore } from "@/app/_components/load-more";

const When = ({ at }: { at: Date | null }) =>
  at ? (
    <time dateTime={at.toISOString()} suppressHydrationWarning>
      {formatWhen(at)}
    </time>
  ) : (
    <span className="text-muted">Never</span>
  );

/** The workspace's saved segments, most recently changed first. */
export function SegmentsTable() {
  const trpc = useTRPC();
  const segments = useInfiniteQuery(trpc.segment.list.infiniteQueryOptions(segmentsListInput, segmentsPaging));
  const rows = segments.data?.pages.flatMap((p) => p.items) ?? [];

  if (segments.isError) {
    return (
      <p role="alert" className="text-sm text-danger">
        The segments could not be loaded: {segments.error.message}
      </p>
    );
  }
  if (segments.isSuccess && rows.length === 0) {
    return (
      <EmptyState icon={BarChart3} title="No segments yet">
        <p>
          Build one with New segment: combine contact fields, custom attributes, consent and message history, and watch
          the count as you go.
        </p>
        <p>Or upload a list of mobile numbers or email addresses as a static segment.</p>
      </EmptyState>
    );
  }
  return (
    <div className="rounded-lg border border-line bg-white">
      <DataTable
        caption="Saved segments, most recently changed first"
        busy={segments.isFetching && !segments.isFetchingNextPage}
        columns={["Name", "Kind", "Last count", "Last counted", "Updated"]}
      >
        {rows.map((s) => (
          <tr key={s.id}>
            <td className="px-4 py-3 font-medium">
              <Link href={`/segments/${s.id}`} className="text-brand-600 hover:underline">
                {s.name}
              </Link>
              {s.description ? <p className="text-xs font-normal text-muted">{s.description}</p> : null}
            </td>
            <td className="px-4 py-3">
              <Badge tone={s.kind === "dynamic" ? "brand" : "neutral"}>
                {s.kind === "dynamic" ? "Dynamic" : "Static"}
              </Badge>
            </td>
            <td className="px-4 py-3 tabular-nums">{s.lastCount === null ? "—" : formatCount(s.lastCount)}</td>
            <td className="px-4 py-3 whitespace-nowrap">
              <When at={s.lastCountedAt} />
            </td>
            <td className="px-4 py-3 whitespace-nowrap">
              <When at={s.updatedAt} />
            </td>
          </tr>
        ))}
      </DataTable>
      {segments.isPending ? <p className="p-4 text-sm text-muted">Loading segments…</p> : null}
      <LoadMore pages={segments} />
    </div>
  );
}
