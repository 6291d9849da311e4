"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Users } from "lucide-react";
import { useFormat } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { DataTable } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import type { dryRunCampaign } from "@/server/domains/campaign/dry-run-campaign";
import { exclusionReasons, type ExclusionReason } from "@/server/domains/campaign/schema";

type Sampled = Awaited<ReturnType<typeof dryRunCampaign>>["sample"][number];
type Wave = NonNullable<Awaited<ReturnType<typeof dryRunCampaign>>["waves"]>[number];

const when = (iso: string) => iso.replace("T", " ");

const waveColumns: ColumnDef<Wave>[] = [
  {
    id: "zone",
    header: "Time zone",
    accessorFn: (w) => w.zone,
    cell: ({ row: { original: w } }) => (
      <>
        {w.zone}
        {w.isDefault ? <span className="text-muted"> (workspace default)</span> : null}
      </>
    ),
  },
  { id: "local", header: "Local time", accessorFn: (w) => when(w.local) },
  { id: "utc", header: "UTC time", accessorFn: (w) => `${when(w.at).replace(/:00Z$/, "")} UTC` },
  { id: "count", header: "Recipients", accessorFn: (w) => w.count, meta: { className: "tabular-nums" } },
];

// The sample is all on screen, so it sorts there: by outcome, say, to see who is left out.
const columns: ColumnDef<Sampled>[] = [
  {
    id: "name",
    header: "Name",
    accessorFn: (r) => r.name || undefined,
    cell: ({ row }) => row.original.name || <span className="text-muted italic">No name</span>,
  },
  {
    id: "number",
    header: "Number",
    accessorFn: (r) => r.mobileNumber ?? undefined,
    meta: { className: "font-mono text-xs whitespace-nowrap" },
  },
  {
    id: "outcome",
    header: "Outcome",
    accessorFn: (r) => (r.outcome === "send" ? "Would send" : exclusionReasons[r.outcome]),
    cell: ({ row: { original: r } }) =>
      r.outcome === "send" ? (
        <Badge tone="success">Would send</Badge>
      ) : (
        <Badge tone="danger">{exclusionReasons[r.outcome]}</Badge>
      ),
  },
  {
    id: "detail",
    header: "Message or reason",
    cell: ({ row: { original: r } }) =>
      r.outcome === "send" ? r.detail : <span className="text-muted">{r.detail}</span>,
  },
];

/**
 * "Preview recipients": who the saved draft would message now and who it would leave out, and
 * why, with a sample of what each would get. Nothing is sent.
 */
export function DryRunPanel({ id, stale }: { id: string; stale: boolean }) {
  const trpc = useTRPC();
  const format = useFormat();
  // Asked for on demand only: it reads the audience, which can take a moment.
  const dryRun = useQuery({ ...trpc.campaign.dryRun.queryOptions({ id }), enabled: false, retry: false, staleTime: 0 });
  const result = dryRun.data;
  const excluded = result
    ? (Object.entries(result.excluded) as [ExclusionReason, number][]).filter(([, n]) => n > 0)
    : [];

  return (
    <section aria-labelledby="dry-run-heading" className="space-y-4 rounded-lg border border-line bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="dry-run-heading" className="text-base font-semibold">
            Preview recipients
          </h2>
          <p className="mt-1 text-sm text-muted">
            Who the saved draft would message now and who would be left out, and why. Nothing is sent.
          </p>
        </div>
        <Button variant="secondary" onClick={() => void dryRun.refetch()} disabled={dryRun.isFetching}>
          <Users aria-hidden className="size-4" />
          {dryRun.isFetching ? "Checking the audience…" : result ? "Preview again" : "Preview recipients"}
        </Button>
      </div>
      {stale && result ? (
        <p className="text-sm text-muted">You have unsaved changes: this preview is of the saved draft.</p>
      ) : null}
      {dryRun.isError ? (
        <p role="alert" className="text-sm text-danger">
          {dryRun.error.message}
        </p>
      ) : null}
      {result ? (
        <div className="space-y-4" aria-live="polite">
          <dl className="grid gap-3 sm:grid-cols-3">
            <div className="rounded-md bg-success/10 p-3">
              <dt className="text-xs text-muted uppercase">Would send</dt>
              <dd className="text-2xl font-semibold tabular-nums">{format.count(result.wouldSend)}</dd>
            </div>
            <div className="rounded-md bg-surface p-3 sm:col-span-2">
              <dt className="text-xs text-muted uppercase">Excluded</dt>
              <dd className="text-sm">
                {excluded.length === 0 ? (
                  "Nobody"
                ) : (
                  <ul className="mt-1 space-y-0.5">
                    {excluded.map(([reason, n]) => (
                      <li key={reason} className="flex justify-between gap-4">
                        <span>{exclusionReasons[reason]}</span>
                        <span className="tabular-nums">{format.count(n)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
          <p className="text-xs text-muted">
            {result.truncated
              ? `Based on the first ${format.count(result.evaluated)} contacts of the segment; the full audience is checked when it sends.`
              : `Based on all ${format.count(result.evaluated)} contacts of the segment.`}{" "}
            Consent is checked again at sending time.
          </p>
          {result.waves && result.waves.length > 0 ? (
            <div className="space-y-2">
              <p className="text-sm">
                Sent in {result.waves.length === 1 ? "one wave" : `${result.waves.length} waves`}: each recipient at{" "}
                {result.waves[0]?.local.slice(11)} in their time zone (a contact&apos;s own, else the workspace
                default).
              </p>
              <div className="rounded-md border border-line">
                <DataTable
                  columns={waveColumns}
                  data={result.waves}
                  getRowId={(w) => w.zone}
                  caption="Waves: each time zone is sent to when its clock reaches the scheduled time (the first occurrence)"
                />
              </div>
            </div>
          ) : null}
          {result.sample.length > 0 ? (
            <div className="rounded-md border border-line">
              <DataTable
                columns={columns}
                data={result.sample}
                getRowId={(r) => r.contactId}
                sortable
                caption={`Sample of ${result.sample.length} contacts and what each would get`}
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
