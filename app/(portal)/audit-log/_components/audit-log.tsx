"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Download } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { When } from "@/app/_components/format";
import { buttonClasses } from "@/app/_components/ui/button-classes";
import { Input, Select } from "@/app/_components/ui/input";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { useDebouncedValue } from "@/app/_components/use-debounced-value";
import { useTRPC } from "@/app/_trpc/provider";
import { actorOf, auditActionLabel, auditTargetHref, auditTargetLabel } from "@/server/domains/audit/actions";
import type { listAudit } from "@/server/domains/audit/list-audit";
import type { AuditFilter } from "@/server/domains/audit/schema";
import { auditPageSize, auditPaging } from "./audit-query";
import { useHydrated } from "@/app/_components/use-hydrated";

type Entry = Awaited<ReturnType<typeof listAudit>>["items"][number];

/** The details as "key: value" lines; nested values as JSON. */
function detailsOf(details: string) {
  try {
    const parsed: unknown = JSON.parse(details);
    if (!parsed || typeof parsed !== "object") return [];
    return Object.entries(parsed).map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
  } catch {
    return [details];
  }
}

// Paged from the server newest first: the columns do not sort.
const columns: ColumnDef<Entry>[] = [
  {
    id: "at",
    header: "When",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row }) => <When value={row.original.at} />,
  },
  {
    id: "who",
    header: "Who",
    cell: ({ row: { original: r } }) => (
      <>
        <div className="font-medium">{actorOf(r)}</div>
        {r.actorEmail ? <div className="text-xs text-muted">{r.actorEmail}</div> : null}
      </>
    ),
  },
  {
    id: "what",
    header: "What",
    cell: ({ row: { original: r } }) => <span title={r.action}>{auditActionLabel(r.action)}</span>,
  },
  {
    id: "object",
    header: "Object",
    cell: ({ row: { original: r } }) => {
      const href = auditTargetHref(r.targetType, r.targetId);
      const label = auditTargetLabel(r.targetType);
      return (
        <>
          {href ? (
            <Link href={href} className="text-brand-600 hover:underline">
              {label}
            </Link>
          ) : (
            label
          )}
          {r.targetId ? <div className="font-mono text-xs text-muted">{r.targetId}</div> : null}
        </>
      );
    },
  },
  {
    id: "details",
    header: "Details",
    meta: { className: "max-w-md text-xs text-muted" },
    cell: ({ row }) => {
      const lines = detailsOf(row.original.details);
      return lines.length === 0 ? "—" : lines.map((l, i) => <div key={i}>{l}</div>);
    },
  },
];

// datetime-local inputs speak the reader's local time; the server gets an instant.
const toInstant = (local: string) => (local ? new Date(local).toISOString() : "");

/** The audit log with its filters: who, what, which object, and when. */
export function AuditLog() {
  const trpc = useTRPC();
  const options = useQuery(trpc.audit.filters.queryOptions());
  const [actorUserId, setActorUserId] = useState("");
  const hydrated = useHydrated();
  const [action, setAction] = useState("");
  const [targetType, setTargetType] = useState("");
  const [targetId, setTargetId] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const typedTargetId = useDebouncedValue(targetId.trim(), 300);
  // Only the filters set, so the unfiltered list is the one the page prefetched.
  const filter: AuditFilter = Object.fromEntries(
    Object.entries({
      actorUserId,
      action,
      targetType,
      targetId: typedTargetId,
      from: toInstant(from),
      to: toInstant(to),
    }).filter(([, v]) => v),
  );
  const entries = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions({ filter, limit: auditPageSize }, auditPaging),
    placeholderData: keepPreviousData,
  });
  const csvQuery = new URLSearchParams(filter as Record<string, string>).toString();
  const filtered = Object.keys(filter).length > 0;

  return (
    <section aria-labelledby="audit-heading" className="rounded-lg border border-line bg-white">
      <div className="space-y-4 border-b border-line px-5 py-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="audit-heading" className="text-base font-semibold">
            Entries
          </h2>
          <a href={`/api/audit-log?${csvQuery}`} download className={buttonClasses("secondary")}>
            <Download aria-hidden className="size-4" /> Export CSV
          </a>
        </div>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <label className="space-y-1 text-sm font-medium">
            <span>Who</span>
            <Select
              className="w-full"
              value={actorUserId}
              onChange={(e) => setActorUserId(e.target.value)}
              disabled={!hydrated}
            >
              <option value="">Anyone</option>
              {options.data?.actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.email})
                </option>
              ))}
            </Select>
          </label>
          <label className="space-y-1 text-sm font-medium">
            <span>What</span>
            <Select className="w-full" value={action} onChange={(e) => setAction(e.target.value)} disabled={!hydrated}>
              <option value="">Any action</option>
              {options.data?.actions.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </Select>
          </label>
          <label className="space-y-1 text-sm font-medium">
            <span>Object type</span>
            <Select
              className="w-full"
              value={targetType}
              onChange={(e) => setTargetType(e.target.value)}
              disabled={!hydrated}
            >
              <option value="">Any object</option>
              {options.data?.targetTypes.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </Select>
          </label>
          <label className="space-y-1 text-sm font-medium">
            <span>Object id</span>
            <Input
              value={targetId}
              onChange={(e) => setTargetId(e.target.value)}
              disabled={!hydrated}
              placeholder="e.g. a campaign's id"
            />
          </label>
          <label className="space-y-1 text-sm font-medium">
            <span>From</span>
            <Input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} disabled={!hydrated} />
          </label>
          <label className="space-y-1 text-sm font-medium">
            <span>To</span>
            <Input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} disabled={!hydrated} />
          </label>
        </div>
      </div>
      <DataTable
        columns={columns}
        data={entries.data?.pages.flatMap((p) => p.items) ?? []}
        caption="Audit log entries, newest first"
        rowClassName={() => "align-top"}
        pages={entries}
        state={{
          loading: entries.isPending && "Loading the audit log…",
          busy: entries.isPlaceholderData && entries.isFetching,
          error: loadError("The audit log", entries),
        }}
        empty={{
          message: filtered
            ? "No entry matches these filters: widen the time range or clear a filter."
            : "Nothing has been audited yet: changes to integrations, campaigns, contacts and settings appear here.",
        }}
      />
    </section>
  );
}
