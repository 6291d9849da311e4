"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { History } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { Select } from "@/app/_components/ui/input";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { LIVE_POLL_MS } from "@/app/_trpc/live";
import type { listCaseSyncs } from "@/server/domains/case-sync/list-case-syncs";
import { caseSyncStatuses } from "@/server/domains/conversation/schema";
import { conversationsPaging, customerName, syncLabels } from "./labels";
import { useHydrated } from "@/app/_components/use-hydrated";

type Status = (typeof caseSyncStatuses)[number];
const tones = { pending: "brand", running: "brand", synced: "success", failed: "danger" } as const;

type CaseSync = Awaited<ReturnType<typeof listCaseSyncs>>["items"][number];

// Paged from the server, most recent first: the columns do not sort.
const columns: ColumnDef<CaseSync>[] = [
  {
    id: "customer",
    header: "Customer",
    cell: ({ row: { original: s } }) => (
      <Link href={`/conversations/${s.conversationId}`} className="font-medium text-brand-600 hover:underline">
        {customerName({ firstName: s.firstName, lastName: s.lastName, mobileNumber: s.customerNumber })}
      </Link>
    ),
  },
  { id: "agent", header: "Agent", cell: ({ row }) => row.original.agentEmail ?? "—" },
  {
    id: "status",
    header: "Status",
    meta: { className: "max-w-md" },
    cell: ({ row: { original: s } }) => (
      <>
        <Badge tone={tones[s.status]}>{syncLabels[s.status]}</Badge>
        {s.status === "failed" && s.lastError ? <p className="mt-1 text-xs text-danger">{s.lastError}</p> : null}
      </>
    ),
  },
  {
    id: "case",
    header: "Case",
    cell: ({ row: { original: s } }) =>
      s.caseNumber && s.caseUrl ? (
        <a href={s.caseUrl} target="_blank" rel="noreferrer" className="text-brand-600 hover:underline">
          {s.caseNumber}
        </a>
      ) : (
        (s.caseNumber ?? "—")
      ),
  },
  {
    id: "attempts",
    header: "Attempts",
    meta: { className: "tabular-nums" },
    cell: ({ row }) => row.original.attempts.length,
  },
  {
    id: "updated",
    header: "Updated",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row }) => <When value={row.original.updatedAt} />,
  },
];

export function SyncHistory() {
  const hydrated = useHydrated();
  const trpc = useTRPC();
  const [status, setStatus] = useState<Status | "">("");
  // Syncs run in the background: their status and case numbers show as they land.
  const list = useInfiniteQuery({
    ...trpc.conversation.syncHistory.infiniteQueryOptions(
      { status: status || undefined, limit: 50 },
      conversationsPaging,
    ),
    refetchInterval: LIVE_POLL_MS,
  });
  return (
    <div className="space-y-4">
      <label className="flex items-center gap-2 text-sm">
        Status
        <Select value={status} onChange={(e) => setStatus(e.target.value as Status | "")} disabled={!hydrated}>
          <option value="">All</option>
          {caseSyncStatuses.map((s) => (
            <option key={s} value={s}>
              {syncLabels[s]}
            </option>
          ))}
        </Select>
      </label>
      <DataTable
        columns={columns}
        data={list.data?.pages.flatMap((p) => p.items) ?? []}
        caption="Case syncs, most recent first"
        className="rounded-lg border border-line bg-white"
        pages={list}
        state={{
          loading: list.isPending,
          error: loadError("The sync history", list),
        }}
        empty={{
          card: { icon: History, title: "No case syncs" },
          message:
            "Each conversation closed while Salesforce case sync is on appears here, with its case number or the reason it failed.",
        }}
      />
    </div>
  );
}
