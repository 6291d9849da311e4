"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { MessagesSquare } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useFormat, When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { LIVE_POLL_MS } from "@/app/_trpc/live";
import type { listConversations } from "@/server/domains/conversation/list-conversations";
import { conversationFilters, type ConversationFilter } from "@/server/domains/conversation/schema";
import {
  channelLabels,
  conversationsPageSize,
  conversationsPaging,
  customerName,
  filterLabels,
  syncLabels,
} from "./labels";

const emptyText: Record<ConversationFilter, string> = {
  open: "No open conversations. When a customer writes to one of your WhatsApp numbers, the conversation appears here.",
  mine: "Nothing assigned to you. Replies to campaigns you are a member of land here; so do conversations you answer.",
  waiting: "Nobody is waiting for an answer.",
  overdue: "No customer has waited past the campaign's service level.",
  closed: "No closed conversations yet. Close one with its outcome and, with Salesforce connected, it becomes a case.",
  all: "No conversations yet. When a customer writes to one of your WhatsApp numbers, the conversation appears here.",
};

/** The waiting time against the campaign's service level (target first-response time). */
function Waiting({
  row,
}: {
  row: { waiting: boolean; awaitingReplySince: Date | null; responseDueAt: Date | null; overdue: boolean };
}) {
  const format = useFormat();
  if (!row.waiting || !row.awaitingReplySince) return <span className="text-muted">—</span>;
  const since = `waiting since ${format.when(row.awaitingReplySince)}`;
  if (!row.responseDueAt) return <span suppressHydrationWarning>{since}</span>;
  return (
    <span suppressHydrationWarning className={row.overdue ? "font-medium text-danger" : ""}>
      {row.overdue
        ? `Overdue: due ${format.relative(row.responseDueAt)}`
        : `Reply due ${format.relative(row.responseDueAt)}`}
    </span>
  );
}

type Conversation = Awaited<ReturnType<typeof listConversations>>["items"][number];

// Paged from the server, first responses due first, then latest message: the columns do not sort.
const columns: ColumnDef<Conversation>[] = [
  {
    id: "customer",
    header: "Customer",
    meta: { className: "font-medium" },
    cell: ({ row: { original: c } }) => (
      <>
        <Link href={`/conversations/${c.id}`} className="text-brand-600 hover:underline">
          {customerName(c)}
        </Link>
        <p className="font-mono text-xs font-normal text-muted">{c.mobileNumber}</p>
      </>
    ),
  },
  {
    id: "channel",
    header: "Channel",
    cell: ({ row: { original: c } }) => (
      <>
        {channelLabels[c.channel]}
        <p className="text-xs text-muted">{c.campaignName ?? c.integrationLabel}</p>
      </>
    ),
  },
  {
    id: "agent",
    header: "Agent",
    cell: ({ row }) => row.original.agentEmail ?? <span className="text-muted">Unassigned</span>,
  },
  {
    id: "state",
    header: "State",
    cell: ({ row: { original: c } }) =>
      c.state === "open" ? (
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
      ),
  },
  {
    id: "lastMessage",
    header: "Last message",
    meta: { className: "max-w-xs" },
    cell: ({ row: { original: c } }) => (
      <>
        <p className="truncate">
          {c.lastMessageDirection === "outbound" ? <span className="text-muted">You: </span> : null}
          {c.lastMessageBody ?? <span className="text-muted italic">Attachment</span>}
        </p>
        <When value={c.lastMessageAt} className="text-xs text-muted" />
      </>
    ),
  },
  {
    id: "waiting",
    header: "Waiting",
    meta: { className: "text-sm" },
    cell: ({ row }) => <Waiting row={row.original} />,
  },
];

export function ConversationsTable({ initial }: { initial: ConversationFilter }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState(initial);
  // New customers' messages and replies show as they come in.
  const list = useInfiniteQuery({
    ...trpc.conversation.list.infiniteQueryOptions({ filter, limit: conversationsPageSize }, conversationsPaging),
    refetchInterval: LIVE_POLL_MS,
  });

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

      <DataTable
        columns={columns}
        data={list.data?.pages.flatMap((p) => p.items) ?? []}
        caption={`${filterLabels[filter]} conversations: first responses due first, overdue on top; then latest message first`}
        className="rounded-lg border border-line bg-white"
        pages={list}
        state={{
          loading: list.isPending && "Loading conversations…",
          error: loadError("The conversations", list),
        }}
        empty={{
          card: {
            icon: MessagesSquare,
            title: `No ${filter === "all" ? "" : `${filterLabels[filter].toLowerCase()} `}conversations`,
          },
          message: emptyText[filter],
        }}
      />
    </div>
  );
}
