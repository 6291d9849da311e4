"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pause, Play, Trash2 } from "lucide-react";
import type { ColumnDef } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Count, useFormat, When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { Button } from "@/app/_components/ui/button";
import { DataTable } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { PROGRESS_POLL_MS } from "@/app/_trpc/live";
import type { getJob } from "@/server/domains/responsys-jobs/get-job";
import { fieldLabel, kindLabels, statusLabels, statusTones } from "./labels";

const WhenOrNotYet = ({ at }: { at: Date | null }) =>
  at ? <When value={at} /> : <span className="text-muted">Not yet</span>;

type Detail = Awaited<ReturnType<typeof getJob>>;
const countColumn = <T,>(id: string, header: string, value: (row: T) => number): ColumnDef<T> => ({
  id,
  header,
  accessorFn: value,
  meta: { className: "tabular-nums" },
  cell: ({ row }) => <Count value={value(row.original)} />,
});
const whenColumn = <T,>(id: string, header: string, value: (row: T) => Date | null): ColumnDef<T> => ({
  id,
  header,
  accessorFn: (row) => value(row) ?? undefined,
  sortingFn: "datetime",
  meta: { className: "whitespace-nowrap" },
  cell: ({ row }) => <WhenOrNotYet at={value(row.original)} />,
});

// The recent files and batches are all on screen (the newest 20), so they sort there.
const importColumns: ColumnDef<Detail["imports"][number]>[] = [
  { id: "file", header: "File", accessorFn: (i) => i.source, meta: { className: "font-mono text-xs" } },
  whenColumn("read", "Read", (i) => i.importedAt),
  countColumn("lines", "Lines", (i) => i.lines),
  countColumn("imported", "Imported", (i) => i.imported),
  countColumn("duplicates", "Already imported", (i) => i.duplicates),
  countColumn("byRiid", "By RIID", (i) => i.attachedByRiid),
  countColumn("byEmail", "By email", (i) => i.attachedByEmail),
  countColumn("byMobile", "By mobile", (i) => i.attachedByMobile),
  countColumn("created", "New contacts", (i) => i.created),
  {
    id: "unmatched",
    header: "Unmatched",
    accessorFn: (i) => i.unmatched,
    meta: { className: "tabular-nums" },
    cell: ({ row: { original: i } }) =>
      i.unmatched === 0 ? (
        "0"
      ) : (
        <a
          className="underline"
          href={`/api/responsys-jobs/imports/${i.id}/unmatched`}
          aria-label={`Download the ${i.unmatched} unmatched rows of ${i.source}`}
        >
          <Count value={i.unmatched} /> (CSV)
        </a>
      ),
  },
  {
    id: "errors",
    header: "Not imported",
    accessorFn: (i) => i.errors.length,
    cell: ({ row: { original: i } }) =>
      i.errors.length === 0 ? (
        "—"
      ) : (
        <ul className="space-y-0.5 text-xs text-danger">
          {i.errors.slice(0, 5).map((e) => (
            <li key={e.line}>
              Line {e.line}: {e.reason}
            </li>
          ))}
          {i.errors.length > 5 ? <li>and {i.errors.length - 5} more</li> : null}
        </ul>
      ),
  },
];

const batchColumns: ColumnDef<Detail["batches"][number]>[] = [
  whenColumn("started", "Started", (b) => b.createdAt),
  whenColumn("sentAt", "Sent at", (b) => b.sentAt),
  countColumn("size", "Size", (b) => b.size),
  countColumn("failed", "Failed", (b) => b.failed),
  { id: "attempts", header: "Attempts", accessorFn: (b) => b.attempts, meta: { className: "tabular-nums" } },
  {
    id: "error",
    header: "Responsys said",
    meta: { className: "text-xs" },
    cell: ({ row: { original: b } }) => (b.error ? <span className="text-danger">{b.error}</span> : "—"),
  },
];

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-line bg-white p-4">
      <dt className="text-xs text-muted uppercase">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{children}</dd>
    </div>
  );
}

/** The job's settings as a list of label and value. */
function Settings({
  kind,
  config,
  segmentName,
  membershipSegments,
}: {
  kind: string;
  config: Record<string, unknown>;
  segmentName: string | null;
  membershipSegments: { id: string; name: string }[];
}) {
  const str = (v: unknown, fallback = "—") => (typeof v === "string" && v ? v : fallback);
  const list = (v: unknown) => (Array.isArray(v) && v.length > 0 ? (v as string[]).map(fieldLabel).join(", ") : "None");
  const rows: [string, string][] =
    kind === "export_audience"
      ? [
          ["Segment", segmentName ?? "—"],
          ["Profile list", str(config.listName)],
          [
            "ID mappings",
            ((config.idMappings as { field: string; identifier: string; hash: boolean }[] | undefined) ?? [])
              .map((m) => `${fieldLabel(m.field)} → ${m.identifier}${m.hash ? " (SHA-256)" : ""}`)
              .join("; "),
          ],
          ["Match columns", [config.matchColumn1, config.matchColumn2].filter(Boolean).join(" and ")],
          ["Additional fields", list(config.additionalFields)],
          ["Fields table", str(config.fieldsTableName)],
          ["Segment memberships", membershipSegments.map((s) => s.name).join(", ") || "None"],
          [
            "When a contact leaves",
            config.onExit === "remove" ? "Remove from the list" : `Flag ${str(config.exitFlagField)} = Y`,
          ],
        ]
      : kind === "export_to_campaign"
        ? [
            ["Segment", segmentName ?? "—"],
            ["Campaign", str(config.campaignName)],
            ["Email field", fieldLabel(str(config.emailField))],
            ["Additional fields", list(config.additionalFields)],
          ]
        : [
            ["Folder", str(config.folder, "The authorization's folder")],
            ["Account ids", ((config.accountIds as string[] | undefined) ?? []).join(", ")],
            ["Delimiter", config.delimiter === "\t" ? "Tab" : `"${str(config.delimiter, ",")}"`],
            ["Unknown users", config.createContacts ? "Become contacts (never opted in)" : "Stay unmatched"],
          ];
  return (
    <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-line bg-white p-5 text-sm sm:grid-cols-[auto_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One job: status, queue depth, last batch, totals, recent batches or files, and the admin's controls. */
export function JobDetail({ id, isAdmin }: { id: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const format = useFormat();
  const router = useRouter();
  const queryClient = useQueryClient();
  const detail = useQuery({ ...trpc.responsysJobs.get.queryOptions({ id }), refetchInterval: PROGRESS_POLL_MS });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.responsysJobs.pathKey() });
  const pause = useMutation(
    trpc.responsysJobs.pause.mutationOptions({
      onSuccess: () => {
        toast.success("Job paused");
        refresh();
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  const resume = useMutation(
    trpc.responsysJobs.resume.mutationOptions({
      onSuccess: () => {
        toast.success("Job resumed");
        refresh();
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  const remove = useMutation(
    trpc.responsysJobs.delete.mutationOptions({
      onSuccess: () => {
        toast.success("Job deleted");
        refresh();
        router.push("/responsys-jobs");
      },
      onError: (e) => toast.error(e.message),
    }),
  );

  if (detail.isError) {
    return (
      <p role="alert" className="text-sm text-danger">
        The job could not be loaded: {detail.error.message}
      </p>
    );
  }
  if (detail.isPending) return <p className="text-sm text-muted">Loading the job…</p>;
  const { job, queueDepth, batches, imports, segmentName, integrationLabel, membershipSegments } = detail.data;
  const busy = pause.isPending || resume.isPending || remove.isPending;

  return (
    <div className="space-y-6">
      <section aria-labelledby="job-title" className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="job-title" className="text-xl font-semibold">
            {job.label}
          </h2>
          <p className="text-sm text-muted">
            {kindLabels[job.kind]} · {integrationLabel}
            {job.backfill ? " · with backfill" : ""}
          </p>
          {job.description ? <p className="mt-1 text-sm">{job.description}</p> : null}
          <p className="mt-2">
            <Badge tone={statusTones[job.status]}>{statusLabels[job.status]}</Badge>
          </p>
        </div>
        {isAdmin ? (
          <div className="flex flex-wrap gap-2">
            {job.status === "active" ? (
              <Button variant="secondary" disabled={busy} onClick={() => pause.mutate({ id })}>
                <Pause aria-hidden className="size-4" /> Pause
              </Button>
            ) : (
              <Button variant="secondary" disabled={busy} onClick={() => resume.mutate({ id })}>
                <Play aria-hidden className="size-4" /> {job.status === "failed" ? "Retry" : "Resume"}
              </Button>
            )}
            <ConfirmButton
              disabled={busy}
              title={`Delete “${job.label}”?`}
              description="It stops now; what was already sent stays in Responsys."
              confirmLabel="Delete job"
              onConfirm={() => remove.mutate({ id })}
            >
              <Trash2 aria-hidden className="size-4" /> Delete
            </ConfirmButton>
          </div>
        ) : null}
      </section>

      {job.lastError ? (
        <div role="alert" className="rounded-lg border border-danger/40 bg-danger/5 p-4 text-sm">
          <p className="font-semibold text-danger">{job.status === "failed" ? "The job stopped" : "Last error"}</p>
          <p className="mt-1">{job.lastError}</p>
          {job.status === "failed" && isAdmin ? (
            <p className="mt-1 text-muted">
              Fix what Responsys says, then press Retry: the unsent members are still queued.
            </p>
          ) : null}
        </div>
      ) : null}

      {job.kind === "import_activity" ? (
        <dl className="grid gap-4 sm:grid-cols-3">
          <Stat label="Files read">{format.count(imports.length)}</Stat>
          <Stat label="Events imported">{format.count(imports.reduce((n, i) => n + i.imported, 0))}</Stat>
          <Stat label="Lines not imported">{format.count(imports.reduce((n, i) => n + i.errors.length, 0))}</Stat>
        </dl>
      ) : (
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <Stat label="Queued">{format.count(queueDepth)}</Stat>
          <Stat label="Last batch">
            <span className="text-base">
              <WhenOrNotYet at={job.lastBatchAt} />
            </span>
          </Stat>
          <Stat label="Last batch size">{job.lastBatchSize === null ? "—" : format.count(job.lastBatchSize)}</Stat>
          <Stat label="Sent">{format.count(job.totalSent)}</Stat>
          <Stat label="Failed">{format.count(job.totalFailed)}</Stat>
        </dl>
      )}

      <Settings kind={job.kind} config={job.config} segmentName={segmentName} membershipSegments={membershipSegments} />

      {job.kind === "import_activity" ? (
        <section aria-labelledby="imports-title" className="rounded-lg border border-line bg-white">
          <h3 id="imports-title" className="px-4 pt-4 text-base font-semibold">
            Files read
          </h3>
          <DataTable
            columns={importColumns}
            data={imports}
            sortable
            caption="Activity files read, newest first"
            empty={{ message: "No activity file read yet: the folder is checked every 15 minutes." }}
          />
        </section>
      ) : (
        <section aria-labelledby="batches-title" className="rounded-lg border border-line bg-white">
          <h3 id="batches-title" className="px-4 pt-4 text-base font-semibold">
            Recent batches
          </h3>
          <DataTable
            columns={batchColumns}
            data={batches}
            sortable
            caption="Recent batches, newest first"
            empty={{ message: "No batch yet. Members are sent 200 at a time, or after 10 minutes for fewer." }}
          />
        </section>
      )}
    </div>
  );
}
