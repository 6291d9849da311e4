"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Workflow } from "lucide-react";
import Link from "next/link";
import { Count, When } from "@/app/_components/format";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import type { listInvocations } from "@/server/domains/responsys-app/list-invocations";
import { invocationsListInput, invocationsPaging } from "./invocations-query";
import { InvocationStatus } from "./status";

type Invocation = Awaited<ReturnType<typeof listInvocations>>["items"][number];

// Paged from the server newest first: the columns do not sort.
const columns: ColumnDef<Invocation>[] = [
  {
    id: "received",
    header: "Received",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row: { original: r } }) => (
      <Link href={`/responsys-invocations/${r.id}`} className="text-brand-600 hover:underline">
        <When value={r.receivedAt} />
      </Link>
    ),
  },
  {
    id: "service",
    header: "Service",
    cell: ({ row: { original: r } }) => (
      <>
        <div className="font-medium">{r.campaignName}</div>
        {r.programName ? <div className="text-xs text-muted">Program {r.programName}</div> : null}
      </>
    ),
  },
  { id: "status", header: "Status", cell: ({ row }) => <InvocationStatus status={row.original.status} /> },
  {
    id: "rows",
    header: "Rows",
    meta: { className: "text-right" },
    cell: ({ row }) => <Count value={row.original.size} />,
  },
  {
    id: "pushed",
    header: "Pushed back",
    meta: { className: "text-right" },
    cell: ({ row }) => <Count value={row.original.rowsPushed} />,
  },
  {
    id: "error",
    header: "Failure",
    meta: { className: "max-w-sm truncate text-danger" },
    cell: ({ row: { original: r } }) => <span title={r.lastError ?? undefined}>{r.lastError ?? ""}</span>,
  },
];

export function InvocationsTable() {
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.responsysApp.invocations.infiniteQueryOptions(invocationsListInput, invocationsPaging),
  );
  return (
    <DataTable
      columns={columns}
      data={list.data?.pages.flatMap((p) => p.items) ?? []}
      caption="Responsys app invocations, newest first"
      className="rounded-lg border border-line bg-white"
      pages={list}
      state={{ loading: list.isPending && "Loading invocations…", error: loadError("The invocations", list) }}
      empty={{
        card: { icon: Workflow, title: "No invocations yet" },
        message:
          "When a Responsys program reaches a WhatsApp service of the Responsys CX app, its invoke appears here with what became of each row.",
      }}
    />
  );
}
