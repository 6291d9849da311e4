"use client";

import { useQuery } from "@tanstack/react-query";
import { Plug } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/app/_components/empty-state";
import { DataTable } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import { vendors } from "@/server/vendors/settings";
import { catalog } from "./catalog";
import { StatusBadge } from "./status-badge";

const when = (d: Date | null) => (d ? d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "Never");

export function IntegrationsList() {
  const trpc = useTRPC();
  const [includeUninstalled, setIncludeUninstalled] = useState(false);
  const list = useQuery(trpc.integration.list.queryOptions({ includeUninstalled }));
  const rows = list.data ?? [];
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
            />{" "}
            Show uninstalled
          </label>
        </div>
        {list.isSuccess && rows.length === 0 ? (
          <EmptyState icon={Plug} title="No integrations yet">
            <p>
              Pick a vendor above to start its setup wizard. Test mode connects to the built-in sandbox, so you can try
              everything safely.
            </p>
          </EmptyState>
        ) : (
          <div className="rounded-lg border border-line bg-white">
            <DataTable columns={["Integration", "Vendor", "Status", "Last test", "Last error", "Health (24 h)"]}>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="px-4 py-3 font-medium">
                    <Link href={`/integrations/${r.id}`} className="text-brand-600 hover:underline">
                      {r.label}
                    </Link>
                    {r.sandbox ? <span className="ml-2 text-xs text-muted">test mode</span> : null}
                  </td>
                  <td className="px-4 py-3">{catalog[r.vendor].name}</td>
                  <td className="px-4 py-3">
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="px-4 py-3">
                    {when(r.lastTestAt)}
                    {r.lastTestOk === null ? null : (
                      <span className={r.lastTestOk ? "text-success" : "text-danger"}>
                        {" "}
                        · {r.lastTestOk ? "passed" : "failed"}
                      </span>
                    )}
                  </td>
                  <td className="max-w-xs truncate px-4 py-3 text-muted" title={r.lastError ?? undefined}>
                    {r.lastError ?? "—"}
                  </td>
                  <td className="px-4 py-3">
                    {r.health
                      ? `${Math.round((1 - r.health.errorRate) * 100)}% of ${r.health.calls} calls ok`
                      : "No calls yet"}
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
        )}
      </section>
    </div>
  );
}
