"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useEffect, useState } from "react";
import { useFormat } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { DataTable } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { pollWhile, PROGRESS_POLL_MS } from "@/app/_trpc/live";
import type { getImport } from "@/server/domains/contact/get-import";

const ERROR_PAGE = 100;

type ImportError = Awaited<ReturnType<typeof getImport>>["errors"][number];

// Paged from the server by line (Previous and Next): the columns do not sort.
const errorColumns: ColumnDef<ImportError>[] = [
  { id: "line", header: "Line", cell: ({ row }) => row.original.line, meta: { className: "tabular-nums" } },
  { id: "field", header: "Field", cell: ({ row }) => row.original.field },
  { id: "reason", header: "Reason", cell: ({ row }) => row.original.reason },
];

const statusText = {
  validating: "Checking the file…",
  ready: "Waiting to start",
  importing: "Importing…",
  done: "Import finished",
  failed: "Import stopped",
} as const;

/** Step 3: the running import's progress and counts, then the lines it could not import. */
export function ImportProgress({ id }: { id: string }) {
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  // Polls while the background function works; stops once it has finished either way.
  const job = useQuery({
    ...trpc.contact.importGet.queryOptions({ id, errorOffset: offset, errorLimit: ERROR_PAGE }),
    refetchInterval: (query) =>
      pollWhile(
        query.state.data?.status === "importing" || query.state.data?.status === "validating",
        PROGRESS_POLL_MS,
      ),
    // Paging through the errors keeps the screen while the next page loads.
    placeholderData: keepPreviousData,
  });
  const status = job.data?.status;
  useEffect(() => {
    // The contacts list has new rows once the import has ended.
    if (status === "done" || status === "failed")
      void queryClient.invalidateQueries({ queryKey: trpc.contact.list.pathKey() });
  }, [status, queryClient, trpc]);
  if (job.isError) {
    return (
      <p role="alert" className="text-sm text-danger">
        {job.error.message}
      </p>
    );
  }
  if (!job.data) return <p className="text-sm text-muted">Loading the import…</p>;
  const { counts, errors, storedErrors, fileName } = job.data;
  const total = counts?.total ?? 0;
  const processed = counts?.processed ?? 0;
  const percent = status === "done" ? 100 : total ? Math.floor((processed / total) * 100) : 0;
  const finished = status === "done" || status === "failed";
  if (!status) return null;

  return (
    <div className="space-y-5">
      <section aria-labelledby="progress-heading" className="space-y-3 rounded-lg border border-line bg-white p-5">
        <h2 id="progress-heading" className="text-base font-semibold">
          {fileName}
        </h2>
        <p
          className={status === "failed" ? "text-sm font-medium text-danger" : "text-sm font-medium"}
          aria-live="polite"
        >
          {statusText[status]}
          {total ? ` — ${format.count(processed)} of ${format.count(total)} rows` : null}
        </p>
        <div
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}%`}
          className="h-2.5 w-full overflow-hidden rounded-full bg-line/60"
        >
          <div
            className={status === "failed" ? "h-full bg-danger" : "h-full bg-brand-600 transition-[width]"}
            style={{ width: `${percent}%` }}
          />
        </div>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
          {(
            [
              ["Inserted", counts?.inserted],
              ["Updated", counts?.updated],
              ["Skipped", counts?.skipped],
              ["Failed", counts?.failed],
              ["Processed", counts?.processed],
            ] as const
          ).map(([label, value]) => (
            <div key={label} className="rounded-md bg-surface px-3 py-2">
              <dt className="text-xs text-muted">{label}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid={`import-${label.toLowerCase()}`}>
                {format.count(value ?? 0)}
              </dd>
            </div>
          ))}
        </dl>
        {counts?.optOutsKept ? (
          <p className="text-sm" data-testid="import-opt-outs-kept">
            {format.count(counts.optOutsKept)} {counts.optOutsKept === 1 ? "opt-in was" : "opt-ins were"} left out: the
            channel had opted out, and an import does not opt it back in. The rest of those rows was imported; the lines
            are listed below.
          </p>
        ) : null}
        {status === "failed" ? (
          <p className="text-sm text-muted">
            Rows counted above were imported; the rest of the file was not. The reason is in the table below.
          </p>
        ) : null}
      </section>

      {storedErrors > 0 ? (
        <section aria-labelledby="errors-heading" className="rounded-lg border border-line bg-white">
          <h2 id="errors-heading" className="border-b border-line px-4 py-3 text-base font-semibold">
            Rows not imported
          </h2>
          <p className="px-4 pt-3 text-sm text-muted">
            Fix these lines in the file and import it again{finished ? "" : " once this import has finished"}. An opt-in
            left out because the channel had opted out is listed too; the rest of its row was imported.
            {storedErrors >= 1000
              ? " Only the first 1,000 problems are listed; the counts above include every row."
              : null}
          </p>
          <DataTable
            columns={errorColumns}
            data={errors}
            getRowId={(e, i) => `${e.line}-${e.field}-${i}`}
            compact
            caption="Rows not imported, by line"
          />
          {storedErrors > ERROR_PAGE ? (
            <div className="flex items-center gap-2 border-t border-line px-4 py-3 text-sm">
              <Button
                variant="secondary"
                disabled={offset === 0}
                onClick={() => setOffset((o) => Math.max(0, o - ERROR_PAGE))}
              >
                Previous
              </Button>
              <Button
                variant="secondary"
                disabled={offset + ERROR_PAGE >= storedErrors}
                onClick={() => setOffset((o) => o + ERROR_PAGE)}
              >
                Next
              </Button>
              <span className="text-muted">
                {format.count(offset + 1)}–{format.count(Math.min(offset + ERROR_PAGE, storedErrors))} of{" "}
                {format.count(storedErrors)}
              </span>
            </div>
          ) : null}
        </section>
      ) : finished ? (
        <p className="text-sm text-muted">Every row was imported.</p>
      ) : null}
    </div>
  );
}
