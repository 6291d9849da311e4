"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { MessagesSquare } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/app/_components/empty-state";
import { Badge } from "@/app/_components/ui/badge";
import { DataTable } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { conversationFilters, type ConversationFilter } from "@/server/domains/conversation/schema";
import {
  channelLabels,
  conversationsPageSize,
  conversationsPaging,
  customerName,
  filterLabels,
  formatWhen,
  relative,
  syncLabels,
} from "./labels";
import { LoadMore } from "@/app/_components/load-more";

const emptyText: Record<ConversationFilter, string> = {
  open: "No open conversations. When a customer writes to one of your WhatsApp numbers, the conversation appears here.",
  mine: "Nothing assigned to you. Replies to campaigns you are a member of land here; so do conversations you answer.",
  closed: "No closed conversations yet. Close one with its outcome and, with Salesforce connected, it becomes a case.",
  all: "No conversations yet. When a customer writes to one of your WhatsApp numbers, the conversation appears here.",
};

/** The waiting time against the campaign's service level (target first-response time). */
function Waiting({
  row,
}: {
  row: { waiting: boolean; awaitingReplySince: Date | null; responseDueAt: Date | null; overdue: boolean };
}) {
  if (!row.waiting || !row.awaitingReplySince) return <span className="text-muted">—</span>;
  const since = `waiting since ${formatWhen(row.awaitingReplySince)}`;
  if (!row.responseDueAt) return <span suppressHydrationWarning>{since}</span>;
  return (
    <span suppressHydrationWarning className={row.overdue ? "font-medium text-danger" : ""}>
      {row.overdue ? `Overdue: due ${relative(row.responseDueAt)}` : `Reply due ${relative(row.responseDueAt)}`}
    </span>
  );
}

export function ConversationsTable({ initial }: { initial: ConversationFilter }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState(initial);
  const list = useInfiniteQuery(
    trpc.conversation.list.infiniteQueryOptions({ filter, limit: conversationsPageSize }, conversationsPaging),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const choose = (next: ConversationFilter) => {
    setFilter(next);
    window.history.replaceState(
      window.history.state,
      "",
      next === "open" ? window.location.pathname : `${window.location.pathname}?filter=${next}`,
    );
  };

  return (
    <div className="space-y-4">
      <div role="group" aria-label="Show" className="inline-flex rounded-md border border-line bg-white p-0.5">
        {conversationFilters.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            onClick={() => choose(f)}
            className={`rounded px-3 py-1.5 text-sm font-medium ${filter === f ? "bg-brand-600 text-white" : "text-ink hover:bg-surface"}`}
          >
            {filterLabels[f]}
          </button>
        ))}
      </div>

      {list.isError ? (
        <p role="alert" className="text-sm text-danger">
          The conversations could not be loaded: {list.error.message}
        </p>
      ) : list.isSuccess && rows.length === 0 ? (
        <EmptyState
          icon={MessagesSquare}
          title={`No ${filter === "all" ? "" : `${filterLabels[filter].toLowerCase()} `}conversations`}
        >
          <p>{emptyText[filter]}</p>
        </EmptyState>
      ) : (
        <div className="rounded-lg border border-line bg-white">
          <DataTable
            busy={list.isFetching && !list.isFetchingNextPage}
            caption={`${filterLabels[filter]} conversations, latest message first`}
            columns={["Customer", "Channel", "Agent", "State", "Last message", "Waiting"]}
          >
            {rows.map((c) => (
              <tr key={c.id}>
                <td className="px-4 py-3 font-medium">
                  <Link href={`/conversations/${c.id}`} className="text-brand-600 hover:underline">
                    {customerName(c)}
                  </Link>
                  <p className="font-mono text-xs font-normal text-muted">{c.mobileNumber}</p>
                </td>
                <td className="px-4 py-3">
                  {channelLabels[c.channel]}
                  <p className="text-xs text-muted">{c.campaignName ?? c.integrationLabel}</p>
                </td>
                <td className="px-4 py-3">{c.agentEmail ?? <span className="text-muted">Unassigned</span>}</td>
                <td className="px-4 py-3">
                  {c.state === "open" ? (
                    <Badge tone="brand">Open</Badge>
                  ) : (
                    <span className="space-y-1">
                      <Badge>Closed{c.closeProfile ? `: ${c.closeProfile}` : ""}</Badge>
                      {c.syncStatus ? (
                        <span className="block text-xs text-muted">
                          {c.syncStatus === "synced" ? `Case ${c.caseNumber ?? ""}` : syncLabels[c.syncStatus]}
                        </span>
                      ) : null}
                    </span>
                  )}
                </td>
                <td className="max-w-xs px-4 py-3">
                  <p className="truncate">
                    {c.lastMessageDirection === "outbound" ? <span className="text-muted">You: </span> : null}
                    {c.lastMessageBody ?? <span className="text-muted italic">Attachment</span>}
                  </p>
                  <time
                    className="text-xs text-muted"
                    dateTime={c.lastMessageAt.toISOString()}
                    suppressHydrationWarning
                  >
                    {formatWhen(c.lastMessageAt)}
                  </time>
                </td>
                <td className="px-4 py-3 text-sm">
                  <Waiting row={c} />
                </td>
              </tr>
            ))}
          </DataTable>
          {list.isPending ? <p className="p-4 text-sm text-muted">Loading conversations…</p> : null}
          <LoadMore pages={list} />
        </div>
      )}
    </div>
  );
}
