"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/app/_components/empty-state";
import { Badge } from "@/app/_components/ui/badge";
import { Select } from "@/app/_components/ui/input";
import { DataTable } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { caseSyncStatuses } from "@/server/domains/conversation/schema";
import { conversationsPaging, customerName, formatWhen, syncLabels } from "./labels";
import { LoadMore } from "@/app/_components/load-more";

type Status = (typeof caseSyncStatuses)[number];
const tones = { pending: "brand", running: "brand", synced: "success", failed: "danger" } as const;

export function SyncHistory() {
  const trpc = useTRPC();
  const [status, setStatus] = useState<Status | "">("");
  const list = useInfiniteQuery(
    trpc.conversation.syncHistory.infiniteQueryOptions({ status: status || undefined, limit: 50 }, conversationsPaging),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-4">
      <label className="flex items-center gap-2 text-sm">
        Status
        <Select value={status} onChange={(e) => setStatus(e.target.value as Status | "")}>
          <option value="">All</option>
          {caseSyncStatuses.map((s) => (
            <option key={s} value={s}>
              {syncLabels[s]}
            </option>
          ))}
        </Select>
      </label>
      {list.isError ? (
        <p role="alert" className="text-sm text-danger">
          The sync history could not be loaded: {list.error.message}
        </p>
      ) : list.isSuccess && rows.length === 0 ? (
        <EmptyState icon={History} title="No case syncs">
          <p>
            Each conversation closed while Salesforce case sync is on appears here, with its case number or the reason
            it failed.
          </p>
        </EmptyState>
      ) : (
        <div className="rounded-lg border border-line bg-white">
          <DataTable
            busy={list.isFetching && !list.isFetchingNextPage}
            caption="Case syncs, most recent first"
            columns={["Customer", "Agent", "Status", "Case", "Attempts", "Updated"]}
          >
            {rows.map((s) => (
              <tr key={s.id}>
                <td className="px-4 py-3">
                  <Link
                    href={`/conversations/${s.conversationId}`}
                    className="font-medium text-brand-600 hover:underline"
                  >
                    {customerName({ firstName: s.firstName, lastName: s.lastName, mobileNumber: s.customerNumber })}
                  </Link>
                </td>
                <td className="px-4 py-3">{s.agentEmail ?? "—"}</td>
                <td className="max-w-md px-4 py-3">
                  <Badge tone={tones[s.status]}>{syncLabels[s.status]}</Badge>
                  {s.status === "failed" && s.lastError ? (
                    <p className="mt-1 text-xs text-danger">{s.lastError}</p>
                  ) : null}
                </td>
                <td className="px-4 py-3">
                  {s.caseNumber && s.caseUrl ? (
                    <a href={s.caseUrl} target="_blank" rel="noreferrer" className="text-brand-600 hover:underline">
                      {s.caseNumber}
                    </a>
                  ) : (
                    (s.caseNumber ?? "—")
                  )}
                </td>
                <td className="px-4 py-3 tabular-nums">{s.attempts.length}</td>
                <td className="px-4 py-3 whitespace-nowrap">
                  <time dateTime={s.updatedAt.toISOString()} suppressHydrationWarning>
                    {formatWhen(s.updatedAt)}
                  </time>
                </td>
              </tr>
            ))}
          </DataTable>
          <LoadMore pages={list} />
        </div>
      )}
    </div>
  );
}
