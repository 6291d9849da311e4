"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Download } from "lucide-react";
import { useMemo, useState } from "react";
import { When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { Select } from "@/app/_components/ui/input";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { pollWhile } from "@/app/_trpc/live";
import type { listMessages } from "@/server/domains/campaign/list-messages";
import { exclusionReasons } from "@/server/domains/campaign/schema";
import { campaignsPaging, messagesPageSize } from "./campaigns-query";
import { messageStatuses, messageStatusLabelsFor, messageStatusTone } from "./labels";
import { buttonClasses } from "@/app/_components/ui/button-classes";
import { useHydrated } from "@/app/_components/use-hydrated";

type StatusFilter = (typeof messageStatuses)[number] | "";

// A skipped message's error code is the exclusion reason; vendor failures keep their own text.
const reasonOf = (r: { errorCode: string | null; errorMessage: string | null }) =>
  r.errorMessage ??
  (r.errorCode && r.errorCode in exclusionReasons
    ? exclusionReasons[r.errorCode as keyof typeof exclusionReasons]
    : r.errorCode);

type Recipient = Awaited<ReturnType<typeof listMessages>>["items"][number];
const nameOf = (r: Recipient) => [r.firstName, r.lastName].filter(Boolean).join(" ");

// Paged from the server newest first: the columns do not sort. The labels are the vendor's
// (Attentive only ever accepts a message).
const columnsFor = (labels: Record<Recipient["status"], string>): ColumnDef<Recipient>[] => [
  {
    id: "recipient",
    header: "Recipient",
    cell: ({ row: { original: r } }) => (
      <>
        <div className="font-medium">
          {nameOf(r) || <span className="text-muted italic">{r.contactId ? "No name" : "Test send"}</span>}
          {r.isTest ? (
            <>
              {" "}
              <Badge tone="brand">Test</Badge>
            </>
          ) : null}
        </div>
        <div className="font-mono text-xs text-muted">{r.toNumber || "—"}</div>
      </>
    ),
  },
  {
    id: "status",
    header: "Status",
    cell: ({ row: { original: r } }) => <Badge tone={messageStatusTone(r.status)}>{labels[r.status]}</Badge>,
  },
  {
    id: "statusAt",
    header: "Last update",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row }) => <When value={row.original.statusAt} />,
  },
  {
    id: "reason",
    header: "Reason",
    meta: { className: "text-muted" },
    cell: ({ row: { original: r } }) => (r.status === "failed" || r.status === "skipped" ? reasonOf(r) : null) ?? "—",
  },
  {
    id: "history",
    header: "History",
    cell: ({ row: { original: r } }) =>
      r.history.length === 0 ? (
        <span className="text-muted">—</span>
      ) : (
        <details>
          <summary className="cursor-pointer text-brand-600">
            {r.history.length} {r.history.length === 1 ? "report" : "reports"}
            <span className="sr-only"> for {nameOf(r) || r.toNumber}</span>
          </summary>
          <ol className="mt-2 space-y-1 text-xs">
            {r.history.map((h, i) => (
              <li key={i}>
                <When value={h.occurredAt} /> · <strong>{labels[h.status]}</strong>
                {h.vendorStatus ? <span className="text-muted"> ({h.vendorStatus})</span> : null}
                {h.errorMessage ? <span className="text-danger"> {h.errorMessage}</span> : null}
              </li>
            ))}
          </ol>
        </details>
      ),
  },
];

/** Every recipient of the campaign with their current status and how they got there. */
export function RecipientsTable({
  id,
  live,
  reportsDelivery,
}: {
  id: string;
  live: boolean;
  reportsDelivery: boolean;
}) {
  const trpc = useTRPC();
  const messageStatusLabels = messageStatusLabelsFor(reportsDelivery);
  const columns = useMemo(() => columnsFor(messageStatusLabelsFor(reportsDelivery)), [reportsDelivery]);
  const [status, setStatus] = useState<StatusFilter>("");
  const hydrated = useHydrated();
  const messages = useInfiniteQuery({
    ...trpc.campaign.messages.infiniteQueryOptions(
      { id, status: status || null, limit: messagesPageSize },
      campaignsPaging,
    ),
    placeholderData: keepPreviousData,
    // While sending, statuses move every few seconds; slower than the progress bar, since every loaded page is asked again.
    refetchInterval: pollWhile(live),
  });

  return (
    <section aria-labelledby="recipients-heading" className="rounded-lg border border-line bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-line px-5 py-4">
        <div>
          <h2 id="recipients-heading" className="text-base font-semibold">
            Recipients
          </h2>
          <p className="mt-1 text-sm text-muted">
            Newest first. Open a row&apos;s history to see every status report. Test sends are marked Test: they are not
            in the funnel or the CSV.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <label htmlFor="recipients-status" className="text-sm font-medium">
            Status
          </label>
          <Select
            id="recipients-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
            disabled={!hydrated}
          >
            <option value="">All statuses</option>
            {messageStatuses.map((s) => (
              <option key={s} value={s}>
                {messageStatusLabels[s]}
              </option>
            ))}
          </Select>
          <a href={`/api/campaigns/${id}/messages`} download className={buttonClasses("secondary")}>
            <Download aria-hidden className="size-4" /> Export CSV
          </a>
        </div>
      </div>
      <DataTable
        columns={columns}
        data={messages.data?.pages.flatMap((p) => p.items) ?? []}
        caption="Recipients of this campaign, newest first"
        rowClassName={() => "align-top"}
        pages={messages}
        state={{
          loading: messages.isPending && "Loading recipients…",
          busy: messages.isPlaceholderData && messages.isFetching,
          error: loadError("The recipients", messages),
        }}
        empty={{
          message: status
            ? `No recipient is ${messageStatusLabels[status].toLowerCase()}.`
            : "No messages yet: recipients appear here as the audience is queued.",
        }}
      />
    </section>
  );
}
