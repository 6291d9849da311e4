"use client";

import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { Gift, Play } from "lucide-react";
import Link from "next/link";
import { toast } from "sonner";
import { EmptyState } from "@/app/_components/empty-state";
import { LoadMore } from "@/app/_components/load-more";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { DataTable } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { actionSummary, formatWhen, smsStatusLabels, smsStatusTone } from "./labels";
import { actionsListInput, actionsPaging } from "./loyalty-query";

// Runs happen in the background: the list asks again now and then to show their outcome.
const REFRESH_MS = 15_000;

function RunNow() {
  const trpc = useTRPC();
  const run = useMutation(
    trpc.loyalty.runNow.mutationOptions({
      onSuccess: () => toast.success("Run started: new actions and their texts appear here within a minute"),
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <Button variant="secondary" onClick={() => run.mutate()} disabled={run.isPending}>
      <Play aria-hidden className="size-4" /> {run.isPending ? "Starting…" : "Run now"}
    </Button>
  );
}

/** Recent loyalty actions, newest first, each with what became of its text and why. */
export function ActionsTable() {
  const trpc = useTRPC();
  const actions = useInfiniteQuery({
    ...trpc.loyalty.actions.infiniteQueryOptions(actionsListInput, actionsPaging),
    refetchInterval: REFRESH_MS,
  });
  const rows = actions.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="loyalty-actions" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="loyalty-actions" className="text-lg font-semibold">
          Recent loyalty actions
        </h2>
        <RunNow />
      </div>
      {actions.isError ? (
        <p role="alert" className="text-sm text-danger">
          The loyalty actions could not be loaded: {actions.error.message}
        </p>
      ) : actions.isSuccess && rows.length === 0 ? (
        <EmptyState icon={Gift} title="No loyalty actions yet">
          <p>
            Switch the program on and save it. Actions members take in Annex Cloud from then on appear here within 5
            minutes, or at once with Run now.
          </p>
        </EmptyState>
      ) : (
        <div className="rounded-lg border border-line bg-white">
          <DataTable
            caption="Loyalty actions, newest first"
            busy={actions.isFetching && !actions.isFetchingNextPage}
            columns={["When", "Member", "Action", "Text", "Details"]}
          >
            {rows.map((a) => {
              const name = [a.firstName, a.lastName].filter(Boolean).join(" ") || a.email || "Deleted contact";
              return (
                <tr key={a.id}>
                  <td className="px-4 py-3 whitespace-nowrap">
                    <time dateTime={a.occurredAt.toISOString()} suppressHydrationWarning>
                      {formatWhen(a.occurredAt)}
                    </time>
                  </td>
                  <td className="px-4 py-3">
                    {a.contactId ? (
                      <Link href={`/contacts/${a.contactId}`} className="text-brand-600 hover:underline">
                        {name}
                      </Link>
                    ) : (
                      name
                    )}
                  </td>
                  <td className="px-4 py-3">{actionSummary(a.type, a.details)}</td>
                  <td className="px-4 py-3">
                    <Badge tone={smsStatusTone(a.status)}>{smsStatusLabels[a.status]}</Badge>
                  </td>
                  <td className="px-4 py-3 text-muted">
                    {a.status === "sent" ? (
                      <>
                        <span className="font-mono text-xs">{a.toNumber}</span> {a.body}
                      </>
                    ) : (
                      a.reason
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
          {actions.isPending ? <p className="p-4 text-sm text-muted">Loading loyalty actions…</p> : null}
          <LoadMore pages={actions} />
        </div>
      )}
    </section>
  );
}
