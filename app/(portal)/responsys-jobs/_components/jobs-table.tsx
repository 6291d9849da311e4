"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Activity } from "lucide-react";
import Link from "next/link";
import { Count, When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { LIVE_POLL_MS } from "@/app/_trpc/live";
import type { listJobs } from "@/server/domains/responsys-jobs/list-jobs";
import { kindLabels, statusLabels, statusTones } from "./labels";

type Job = Awaited<ReturnType<typeof listJobs>>[number];
const queued = (j: Job) => (j.kind === "import_activity" ? undefined : Number(j.queueDepth));

// The whole list is on screen, so every column with a value sorts it.
const columns: ColumnDef<Job>[] = [
  {
    id: "job",
    header: "Job",
    accessorFn: (j) => j.label,
    meta: { className: "font-medium" },
    cell: ({ row: { original: j } }) => (
      <>
        <Link href={`/responsys-jobs/${j.id}`} className="text-brand-600 hover:underline">
          {j.label}
        </Link>
        <p className="text-xs font-normal text-muted">{j.integrationLabel}</p>
        {j.lastError ? (
          <p className="max-w-md truncate text-xs font-normal text-danger" title={j.lastError}>
            {j.lastError}
          </p>
        ) : null}
      </>
    ),
  },
  { id: "type", header: "Type", accessorFn: (j) => kindLabels[j.kind], meta: { className: "whitespace-nowrap" } },
  {
    id: "status",
    header: "Status",
    accessorFn: (j) => statusLabels[j.status],
    cell: ({ row: { original: j } }) => <Badge tone={statusTones[j.status]}>{statusLabels[j.status]}</Badge>,
  },
  { id: "segment", header: "Segment", accessorFn: (j) => j.segmentName ?? undefined },
  {
    id: "queued",
    header: "Queued",
    accessorFn: queued,
    meta: { className: "tabular-nums" },
    cell: ({ row: { original: j } }) => {
      const n = queued(j);
      return n === undefined ? "—" : <Count value={n} />;
    },
  },
  {
    id: "lastBatch",
    header: "Last batch",
    accessorFn: (j) => j.lastBatchAt ?? undefined,
    sortingFn: "datetime",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row: { original: j } }) =>
      j.lastBatchAt ? (
        <>
          <When value={j.lastBatchAt} />
          <span className="text-muted">
            {" · "}
            <Count value={j.lastBatchSize ?? 0} />
          </span>
        </>
      ) : (
        <span className="text-muted">None yet</span>
      ),
  },
  {
    id: "sent",
    header: "Sent",
    accessorFn: (j) => j.totalSent,
    meta: { className: "tabular-nums" },
    cell: ({ row: { original: j } }) => <Count value={j.totalSent} />,
  },
  {
    id: "failed",
    header: "Failed",
    accessorFn: (j) => j.totalFailed,
    meta: { className: "tabular-nums" },
    cell: ({ row: { original: j } }) => <Count value={j.totalFailed} />,
  },
];

/** The workspace's Responsys jobs, newest first, refreshed while open so batches show as they go. */
export function JobsTable({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const jobs = useQuery({ ...trpc.responsysJobs.list.queryOptions({}), refetchInterval: LIVE_POLL_MS });
  return (
    <DataTable
      columns={columns}
      data={jobs.data ?? []}
      sortable
      caption="Responsys jobs, newest first"
      className="rounded-lg border border-line bg-white"
      state={{
        loading: jobs.isPending && "Loading jobs…",
        error: loadError("The jobs", jobs),
      }}
      empty={{
        card: { icon: Activity, title: "No Responsys jobs yet" },
        message: (
          <>
            <p>
              An export sends a segment&rsquo;s members to a Responsys profile list (or triggers a campaign for them) in
              batches of 200, and keeps it up to date as contacts enter and leave.
            </p>
            <p>
              {isAdmin ? "Create one with New job." : "Ask an admin (listed above) to create one."} An import reads
              email and SMS activity files from the Responsys SFTP folder into each contact&rsquo;s activity.
            </p>
          </>
        ),
      }}
    />
  );
}
