"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useFormat } from "@/app/_components/format";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import type { previewSegment } from "@/server/domains/segment/preview-segment";
import type { SegmentDefinition } from "@/server/domains/segment/schema";
import { displayName } from "./labels";

const PREVIEW_PAGE = 20;

/**
 * The count of the definition being edited, as a status region that screen readers announce.
 * `definition` is the last valid one (null before there is one); `pending` says the edits on
 * screen are still settling, `incomplete` that they cannot be counted until a value is filled in.
 */
export function LiveCount({
  definition,
  pending,
  incomplete,
}: {
  definition: SegmentDefinition | null;
  pending: boolean;
  incomplete: boolean;
}) {
  const trpc = useTRPC();
  const format = useFormat();
  const count = useQuery({
    ...trpc.segment.count.queryOptions({ definition: definition ?? undefined }),
    enabled: !!definition,
    placeholderData: keepPreviousData,
  });
  const n = count.data?.count;
  const busy = pending || count.isFetching;
  return (
    <section aria-labelledby="live-count-heading" className="rounded-lg border border-line bg-white p-5">
      <h2 id="live-count-heading" className="text-sm font-medium text-muted">
        Matching contacts
      </h2>
      <p
        role="status"
        aria-label="Matching contacts"
        aria-busy={busy}
        className="mt-1 text-3xl font-semibold tabular-nums"
      >
        {n === undefined ? "…" : `${format.count(n)} ${n === 1 ? "contact" : "contacts"}`}
      </p>
      <p className="mt-1 text-xs text-muted">
        {count.isError ? (
          <span className="text-danger">{count.error.message}</span>
        ) : incomplete ? (
          "Complete the new condition to update the count."
        ) : busy ? (
          "Counting…"
        ) : (
          "Updates as you edit."
        )}
      </p>
    </section>
  );
}

type Member = Awaited<ReturnType<typeof previewSegment>>["items"][number];

// Paged from the server: the columns do not sort.
const previewColumns: ColumnDef<Member>[] = [
  {
    id: "name",
    header: "Name",
    cell: ({ row }) => displayName(row.original) || <span className="text-muted italic">No name</span>,
  },
  {
    id: "mobile",
    header: "Mobile",
    cell: ({ row }) => row.original.mobileNumber ?? "—",
    meta: { className: "font-mono text-xs" },
  },
  { id: "email", header: "Email", cell: ({ row }) => row.original.email ?? "—" },
  { id: "country", header: "Country", cell: ({ row }) => row.original.country ?? "—" },
];

/** The first members of the definition being edited (or of a saved segment), by contact id. */
export function MemberPreview({ input }: { input: { definition: SegmentDefinition } | { id: string } | null }) {
  const trpc = useTRPC();
  const preview = useInfiniteQuery({
    ...trpc.segment.preview.infiniteQueryOptions(
      { ...(input ?? { id: undefined }), limit: PREVIEW_PAGE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
    enabled: !!input,
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby="preview-heading" className="rounded-lg border border-line bg-white">
      <h2 id="preview-heading" className="border-b border-line px-4 py-3 text-base font-semibold">
        Member preview
      </h2>
      <DataTable
        columns={previewColumns}
        data={preview.data?.pages.flatMap((p) => p.items) ?? []}
        caption="Member preview"
        compact
        pages={preview}
        moreLabel={`Show ${PREVIEW_PAGE} more`}
        state={{
          // Without a definition to preview there is nothing to wait for yet: just the header.
          loading: preview.isPending && (input ? "Loading the preview…" : true),
          busy: preview.isFetching && !preview.isFetchingNextPage,
          error: loadError("The preview", preview),
        }}
        empty={{ message: "No contact matches yet. Loosen a condition, or switch a group to “any of these”." }}
      />
    </section>
  );
}
