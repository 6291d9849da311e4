"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Button } from "@/app/_components/ui/button";
import { DataTable } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import type { SegmentDefinition } from "@/server/domains/segment/schema";
import { displayName, formatCount } from "./labels";

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
        {n === undefined ? "…" : `${formatCount(n)} ${n === 1 ? "contact" : "contacts"}`}
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
  const rows = preview.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="preview-heading" className="rounded-lg border border-line bg-white">
      <h2 id="preview-heading" className="border-b border-line px-4 py-3 text-base font-semibold">
        Member preview
      </h2>
      {preview.isError ? (
        <p role="alert" className="p-4 text-sm text-danger">
          The preview could not be loaded: {preview.error.message}
        </p>
      ) : preview.isSuccess && rows.length === 0 ? (
        <p className="p-4 text-sm text-muted">
          No contact matches yet. Loosen a condition, or switch a group to “any of these”.
        </p>
      ) : (
        <DataTable
          caption="Member preview"
          busy={preview.isFetching && !preview.isFetchingNextPage}
          columns={["Name", "Mobile", "Email", "Country"]}
        >
          {rows.map((c) => (
            <tr key={c.id}>
              <td className="px-4 py-2">{displayName(c) || <span className="text-muted italic">No name</span>}</td>
              <td className="px-4 py-2 font-mono text-xs">{c.mobileNumber ?? "—"}</td>
              <td className="px-4 py-2">{c.email ?? "—"}</td>
              <td className="px-4 py-2">{c.country ?? "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {preview.isPending && input ? <p className="p-4 text-sm text-muted">Loading the preview…</p> : null}
      {preview.hasNextPage ? (
        <div className="border-t border-line p-3 text-center">
          <Button
            variant="secondary"
            onClick={() => void preview.fetchNextPage()}
            disabled={preview.isFetchingNextPage}
          >
            {preview.isFetchingNextPage ? "Loading…" : `Show ${PREVIEW_PAGE} more`}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
