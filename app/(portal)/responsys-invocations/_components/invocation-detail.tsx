"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { toast } from "sonner";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { Count, When } from "@/app/_components/format";
import { useTRPC } from "@/app/_trpc/provider";
import { pollWhile, PROGRESS_POLL_MS } from "@/app/_trpc/live";
import { InvocationStatus } from "./status";

/** One invocation: its rows' outcome, times, its failures by reason, and Retry when it failed. */
export function InvocationDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({
    ...trpc.responsysApp.invocation.queryOptions({ id }),
    // While it runs, its counts move.
    refetchInterval: (q) =>
      pollWhile(!!q.state.data && ["received", "queued", "reporting"].includes(q.state.data.status), PROGRESS_POLL_MS),
  });
  const retry = useMutation(
    trpc.responsysApp.retryInvocation.mutationOptions({
      onSuccess: () => {
        toast.success("Retry started");
        void queryClient.invalidateQueries({ queryKey: trpc.responsysApp.pathKey() });
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  const data = query.data;
  if (!data) return <p className="text-sm text-muted">{query.error ? query.error.message : "Loading…"}</p>;
  const times: [string, Date | null][] = [
    ["Received", data.receivedAt],
    ["Rows queued", data.queuedAt],
    ["Completed", data.completedAt],
    ["Failed", data.failedAt],
  ];
  const rows: [string, number][] = [
    ["Received", data.rows.received],
    ["Messages", data.rows.messages],
    ["Waiting to send", data.rows.waiting],
    ["Sent", data.rows.sent],
    ["Failed", data.rows.failed],
    ["Skipped", data.rows.skipped],
    ["Pushed back to Responsys", data.rows.pushed],
  ];
  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-line bg-white p-6" aria-labelledby="invocation-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-3">
            <h2 id="invocation-heading" className="text-xl font-semibold">
              {data.campaignName}
            </h2>
            <span role="status" aria-label="Invocation status">
              <InvocationStatus status={data.status} />
            </span>
          </div>
          {data.status === "failed" ? (
            <ConfirmButton
              variant="ghost"
              title="Retry this invocation?"
              description="It runs again from where it failed: rows not yet queued are queued (rows already messaged are not sent twice), and results not yet pushed back are pushed to Responsys."
              confirmLabel="Retry"
              disabled={retry.isPending}
              onConfirm={() => retry.mutate({ id })}
            >
              Retry
            </ConfirmButton>
          ) : null}
        </div>
        {data.lastError ? (
          <p role="alert" className="mt-3 rounded-md bg-danger/10 px-3 py-2 text-sm text-danger">
            {data.lastError}
          </p>
        ) : null}
        <dl className="mt-4 grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-muted">Invoke uuid</dt>
          <dd className="font-mono text-xs">{data.uuid}</dd>
          <dt className="text-muted">Program</dt>
          <dd>{data.programName ?? "—"}</dd>
          <dt className="text-muted">Service campaign</dt>
          <dd>
            <Link href={`/campaigns/${data.campaignId}`} className="text-brand-600 hover:underline">
              {data.campaignName}
            </Link>
          </dd>
          <dt className="text-muted">Attempt</dt>
          <dd>{data.attempt}</dd>
          {times.map(([label, at]) => (
            <div key={label} className="contents">
              <dt className="text-muted">{label}</dt>
              <dd>{at ? <When value={at} /> : "—"}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="rounded-lg border border-line bg-white p-6" aria-labelledby="rows-heading">
        <h2 id="rows-heading" className="text-base font-semibold">
          Rows
        </h2>
        <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
          {rows.map(([label, n]) => (
            <div key={label} className="contents">
              <dt className="text-muted">{label}</dt>
              <dd>
                <Count value={n} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="rounded-lg border border-line bg-white p-6" aria-labelledby="failures-heading">
        <h2 id="failures-heading" className="text-base font-semibold">
          Failures by reason
        </h2>
        {data.failures.length === 0 ? (
          <p className="mt-2 text-sm text-muted">No row failed or was skipped.</p>
        ) : (
          <ul className="mt-3 space-y-1 text-sm">
            {data.failures.map((f) => (
              <li key={`${f.status} ${f.reason}`}>
                <Count value={f.n} /> {f.status}: {f.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
