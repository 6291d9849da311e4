"use client";

import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Gift, Play } from "lucide-react";
import Link from "next/link";
import { toast } from "sonner";
import { When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { LIVE_POLL_MS } from "@/app/_trpc/live";
import type { listActions } from "@/server/domains/loyalty/list-actions";
import { actionSummary, smsStatusLabels, smsStatusTone } from "./labels";
import { actionsListInput, actionsPaging } from "./loyalty-query";

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

type Action = Awaited<ReturnType<typeof listActions>>["items"][number];

// Paged from the server, newest first: the columns do not sort.
const columns: ColumnDef<Action>[] = [
  {
    id: "when",
    header: "When",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row }) => <When value={row.original.occurredAt} />,
  },
  {
    id: "member",
    header: "Member",
    cell: ({ row: { original: a } }) => {
      const name = [a.firstName, a.lastName].filter(Boolean).join(" ") || a.email || "Deleted contact";
      return a.contactId ? (
        <Link href={`/contacts/${a.contactId}`} className="text-brand-600 hover:underline">
          {name}
        </Link>
      ) : (
        name
      );
    },
  },
  { id: "action", header: "Action", cell: ({ row: { original: a } }) => actionSummary(a.type, a.details) },
  {
    id: "text",
    header: "Text",
    cell: ({ row: { original: a } }) => <Badge tone={smsStatusTone(a.status)}>{smsStatusLabels[a.status]}</Badge>,
  },
  {
    id: "details",
    header: "Details",
    meta: { className: "text-muted" },
    cell: ({ row: { original: a } }) =>
      a.status === "sent" ? (
        <>
          <span className="font-mono text-xs">{a.toNumber}</span> {a.body}
        </>
      ) : (
        a.reason
      ),
  },
];

/** Recent loyalty actions, newest first, each with what became of its text and why. */
export function ActionsTable() {
  const trpc = useTRPC();
  const actions = useInfiniteQuery({
    ...trpc.loyalty.actions.infiniteQueryOptions(actionsListInput, actionsPaging),
    // Runs happen in the background: the list asks again to show their outcome.
    refetchInterval: LIVE_POLL_MS,
  });
  return (
    <section aria-labelledby="loyalty-actions" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="loyalty-actions" className="text-lg font-semibold">
          Recent loyalty actions
        </h2>
        <RunNow />
      </div>
      <DataTable
        columns={columns}
        data={actions.data?.pages.flatMap((p) => p.items) ?? []}
        caption="Loyalty actions, newest first"
        className="rounded-lg border border-line bg-white"
        pages={actions}
        state={{
          loading: actions.isPending && "Loading loyalty actions…",
          busy: actions.isFetching && !actions.isFetchingNextPage,
          error: loadError("The loyalty actions", actions),
        }}
        empty={{
          card: { icon: Gift, title: "No loyalty actions yet" },
          message:
            "Switch the program on and save it. Actions members take in Annex Cloud from then on appear here within 5 minutes, or at once with Run now.",
        }}
      />
    </section>
  );
}
