"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Plug } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { When } from "@/app/_components/format";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { LIVE_POLL_MS } from "@/app/_trpc/live";
import type { listIntegrations } from "@/server/domains/integration/list-integrations";
import { problemsOf } from "@/server/domains/integration/problems";
import { vendors } from "@/server/vendors/settings";
import { catalog } from "./catalog";
import { HealthFigure, lastErrorOf, successPercent } from "./health";
import { StatusBadge } from "./status-badge";
import { useHydrated } from "@/app/_components/use-hydrated";

type Integration = Awaited<ReturnType<typeof listIntegrations>>[number];

// The whole list is on screen, so it sorts there.
const columns: ColumnDef<Integration>[] = [
  {
    id: "integration",
    header: "Integration",
    accessorFn: (r) => r.label,
    meta: { className: "font-medium" },
    cell: ({ row: { original: r } }) => (
      <>
        <Link href={`/integrations/${r.id}`} className="text-brand-600 hover:underline">
          {r.label}
        </Link>
        {r.sandbox ? <span className="ml-2 text-xs text-muted">test mode</span> : null}
      </>
    ),
  },
  { id: "vendor", header: "Vendor", accessorFn: (r) => catalog[r.vendor].name },
  {
    id: "status",
    header: "Status",
    accessorFn: (r) => r.status,
    cell: ({ row }) => <StatusBadge status={row.original.status} />,
  },
  {
    id: "lastTest",
    header: "Last test",
    accessorFn: (r) => r.lastTestAt ?? undefined,
    sortingFn: "datetime",
    cell: ({ row: { original: r } }) => (
      <>
        {r.lastTestAt ? <When value={r.lastTestAt} /> : "Never"}
        {r.lastTestOk === null ? null : (
          <span className={r.lastTestOk ? "text-success" : "text-danger"}> · {r.lastTestOk ? "passed" : "failed"}</span>
        )}
      </>
    ),
  },
  {
    id: "lastError",
    header: "Last error",
    meta: { className: "max-w-xs truncate text-muted" },
    cell: ({ row: { original: r } }) => {
      const error = lastErrorOf(r);
      return <span title={error?.message}>{error?.message ?? "—"}</span>;
    },
  },
  {
    id: "lastSuccess",
    header: "Last success",
    accessorFn: (r) => r.health?.lastSuccessAt ?? undefined,
    sortingFn: "datetime",
    cell: ({ row: { original: r } }) => (r.health?.lastSuccessAt ? <When value={r.health.lastSuccessAt} /> : "—"),
  },
  {
    id: "health",
    header: "Health (24 h)",
    accessorFn: (r) => successPercent(r.health),
    cell: ({ row: { original: r } }) => <HealthFigure health={r.health} />,
  },
];

export function IntegrationsList({ problemsOnly }: { problemsOnly: boolean }) {
  const trpc = useTRPC();
  const [includeUninstalled, setIncludeUninstalled] = useState(false);
  const hydrated = useHydrated();
  // Health moves with every vendor call and webhook.
  const list = useQuery({
    ...trpc.integration.list.queryOptions({ includeUninstalled }),
    refetchInterval: LIVE_POLL_MS,
  });
  const rows = (list.data ?? []).filter((r) => !problemsOnly || problemsOf(r).length > 0);
  return (
    <div className="space-y-8">
      <section aria-labelledby="add-heading">
        <h2 id="add-heading" className="mb-3 text-lg font-semibold">
          Add an integration
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {vendors.map((v) => (
            <li key={v}>
              <Link
                href={`/integrations/new/${v}`}
                className="block h-full rounded-lg border border-line bg-white p-4 hover:border-brand-500 focus-visible:border-brand-500"
              >
                <span className="font-medium">{catalog[v].name}</span>
                <span className="mt-1 block text-sm text-muted">{catalog[v].summary}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="connected-heading">
        <div className="mb-3 flex items-center justify-between">
          <h2 id="connected-heading" className="text-lg font-semibold">
            Connected
          </h2>
          <label className="flex items-center gap-2 text-sm text-muted">
            <input
              type="checkbox"
              checked={includeUninstalled}
              onChange={(e) => setIncludeUninstalled(e.target.checked)}
              disabled={!hydrated}
            />{" "}
            Show uninstalled
          </label>
        </div>
        <DataTable
          columns={columns}
          data={rows}
          sortable
          className="rounded-lg border border-line bg-white"
          state={{
            loading: list.isPending && "Loading integrations…",
            error: loadError("The integrations", list),
          }}
          empty={
            problemsOnly
              ? {
                  card: { icon: Plug, title: "No integration needs attention" },
                  message: "None is in error, has failed calls in the last 24 hours or silent webhooks.",
                }
              : {
                  card: { icon: Plug, title: "No integrations yet" },
                  message:
                    "Pick a vendor above to start its setup wizard. Test mode connects to the built-in sandbox, so you can try everything safely.",
                }
          }
        />
      </section>
    </div>
  );
}
