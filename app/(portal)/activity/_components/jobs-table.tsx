"use client";

import { useQuery } from "@tanstack/react-query";
import { Activity } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { Badge } from "@/app/_components/ui/badge";
import { DataTable } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { formatCount, formatWhen, kindLabels, statusLabels, statusTones } from "./labels";

/** The workspace's Responsys jobs, newest first, refreshed while open so batches show as they go. */
export function JobsTable({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const jobs = useQuery({ ...trpc.audience.list.queryOptions({}), refetchInterval: 5_000 });

  if (jobs.isError) {
    return (
      <p role="alert" className="text-sm text-danger">
        The jobs could not be loaded: {jobs.error.message}
      </p>
    );
  }
  if (jobs.isPending) return <p className="text-sm text-muted">Loading jobs…</p>;
  if (jobs.data.length === 0) {
    return (
      <EmptyState icon={Activity} title="No Responsys jobs yet">
        <p>
          An export sends a segment&rsquo;s members to a Responsys profile list (or triggers a campaign for them) in
          batches of 200, and keeps it up to date as contacts enter and leave.
        </p>
        <p>
          {isAdmin ? "Create one with New job." : "Ask an admin to create one."} An import reads email and SMS activity
          files from the Responsys SFTP folder into each contact&rsquo;s activity.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="rounded-lg border border-line bg-white">
      <DataTable
        caption="Responsys jobs, newest first"
        busy={jobs.isFetching}
        columns={["Job", "Type", "Status", "Segment", "Queued", "Last batch", "Sent", "Failed"]}
      >
        {jobs.data.map((j) => (
          <tr key={j.id}>
            <td className="px-4 py-3 font-medium">
              <Link href={`/activity/${j.id}`} className="text-brand-600 hover:underline">
                {j.label}
              </Link>
              <p className="text-xs font-normal text-muted">{j.integrationLabel}</p>
              {j.lastError ? (
                <p className="max-w-md truncate text-xs font-normal text-danger" title={j.lastError}>
                  {j.lastError}
                </p>
              ) : null}
            </td>
            <td className="px-4 py-3 whitespace-nowrap">{kindLabels[j.kind]}</td>
            <td className="px-4 py-3">
              <Badge tone={statusTones[j.status]}>{statusLabels[j.status]}</Badge>
            </td>
            <td className="px-4 py-3">{j.segmentName ?? "—"}</td>
            <td className="px-4 py-3 tabular-nums">
              {j.kind === "import_activity" ? "—" : formatCount(Number(j.queueDepth))}
            </td>
            <td className="px-4 py-3 whitespace-nowrap">
              {j.lastBatchAt ? (
                <>
                  <time dateTime={j.lastBatchAt.toISOString()} suppressHydrationWarning>
                    {formatWhen(j.lastBatchAt)}
                  </time>
                  <span className="text-muted"> · {formatCount(j.lastBatchSize ?? 0)}</span>
                </>
              ) : (
                <span className="text-muted">None yet</span>
              )}
            </td>
            <td className="px-4 py-3 tabular-nums">{formatCount(j.totalSent)}</td>
            <td className="px-4 py-3 tabular-nums">{formatCount(j.totalFailed)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
