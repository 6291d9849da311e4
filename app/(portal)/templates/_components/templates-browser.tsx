"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { FileText, RefreshCw, Search, SearchX } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { useFormat } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Input, Select } from "@/app/_components/ui/input";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import type { listTemplates } from "@/server/domains/template/list-templates";
import { templateCategories, templateStatuses } from "@/server/domains/template/schema";
import { HsmCodeDialog, ImportHsmDialog } from "./hsm-code-dialogs";
import { enumLabel, statusTone, templateMarking } from "./labels";
import { emptyView, listInput, paramsFromView, templatesPaging, type TemplatesView } from "./templates-query";
import { useDebouncedValue } from "@/app/_components/use-debounced-value";
import { useHydrated } from "@/app/_components/use-hydrated";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The counts of a sync in one sentence, for the toast. */
function describeSync(
  label: string,
  r: { added: number; updated: number; missing: number; unchanged: number; skipped: number },
) {
  const parts = [
    r.added ? `${plural(r.added, "new template")}` : null,
    r.updated ? `${r.updated} changed` : null,
    r.missing ? `${r.missing} no longer listed (marked missing)` : null,
    r.unchanged ? `${r.unchanged} unchanged` : null,
    r.skipped ? `${r.skipped} skipped (unknown status or category)` : null,
  ].filter(Boolean);
  return `${label}: ${parts.length ? parts.join(", ") : "Mitto lists no templates"}.`;
}

function SyncButton({ integration }: { integration: { id: string; label: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sync = useMutation(
    trpc.template.sync.mutationOptions({
      onSuccess: async (result) => {
        toast.success(describeSync(integration.label, result));
        await queryClient.invalidateQueries({ queryKey: trpc.template.pathKey() });
      },
      onError: (error) => toast.error(`${integration.label}: ${error.message}`),
    }),
  );
  return (
    <Button
      variant="secondary"
      onClick={() => sync.mutate({ integrationId: integration.id })}
      disabled={sync.isPending}
    >
      <RefreshCw aria-hidden className={sync.isPending ? "size-4 animate-spin" : "size-4"} />
      {sync.isPending ? `Syncing ${integration.label}…` : `Sync from Mitto (${integration.label})`}
    </Button>
  );
}

type Template = Awaited<ReturnType<typeof listTemplates>>["items"][number];

function Status({ template: t }: { template: Template }) {
  const marking = templateMarking(t, useFormat().when);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Badge tone={statusTone(t.status)}>{enumLabel(t.status)}</Badge>
      {marking && (t.missingSince || t.retiredAt || marking === "No longer approved") ? (
        <span className="text-xs text-danger" suppressHydrationWarning>
          {marking}
        </span>
      ) : null}
    </div>
  );
}

// Paged from the server by name then language (what the name search needs): the columns do not sort.
const columns: ColumnDef<Template>[] = [
  {
    id: "name",
    header: "Name",
    meta: { className: "font-mono text-xs font-medium" },
    cell: ({ row: { original: t } }) => (
      <Link href={`/templates/${t.id}`} className="text-brand-600 hover:underline">
        {t.name}
      </Link>
    ),
  },
  { id: "integration", header: "Integration", cell: ({ row }) => row.original.integrationLabel },
  {
    id: "language",
    header: "Language",
    meta: { className: "font-mono text-xs" },
    cell: ({ row }) => row.original.language,
  },
  { id: "category", header: "Category", cell: ({ row }) => enumLabel(row.original.category) },
  {
    id: "status",
    header: "Status",
    cell: ({ row }) => <Status template={row.original} />,
  },
  {
    id: "placeholders",
    header: "Placeholders",
    meta: { className: "tabular-nums" },
    cell: ({ row }) => row.original.placeholderCount,
  },
];

export function TemplatesBrowser({ initial, isAdmin }: { initial: TemplatesView; isAdmin: boolean }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Omit<TemplatesView, "search">>({
    integrationId: initial.integrationId,
    status: initial.status,
    language: initial.language,
    category: initial.category,
  });
  const [searchText, setSearchText] = useState(initial.search);
  const hydrated = useHydrated();
  const search = useDebouncedValue(searchText.trim().toLowerCase(), 300);
  const view: TemplatesView = { ...filters, search };
  const options = useQuery(trpc.template.filters.queryOptions());
  const templates = useInfiniteQuery({
    ...trpc.template.list.infiniteQueryOptions(listInput(view), templatesPaging),
    placeholderData: keepPreviousData,
  });
  const rows = templates.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = paramsFromView(view) !== "";

  // The address bar follows the filters, without a server round trip.
  const query = paramsFromView(view);
  useEffect(() => {
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${query}`);
  }, [query]);

  const integrations = options.data?.integrations ?? [];
  const syncable = integrations.filter((i) => i.syncable && i.status === "active");
  const byHand = integrations.filter((i) => i.byHand);
  const set = (field: keyof typeof filters) => (e: React.ChangeEvent<HTMLSelectElement>) =>
    setFilters((f) => ({ ...f, [field]: e.target.value }));
  const loading = templates.isPending || (templates.isPlaceholderData && templates.isFetching);

  return (
    <div className="space-y-4">
      {syncable.length > 0 || byHand.length > 0 ? (
        <div className="flex flex-wrap items-center gap-3">
          {syncable.map((i) => (
            <SyncButton key={i.id} integration={i} />
          ))}
          {byHand.map((i) =>
            isAdmin ? (
              <div key={i.id} role="group" aria-label={`HSM codes of ${i.label}`} className="flex items-center gap-2">
                <span className="text-sm font-medium">{i.label}:</span>
                <HsmCodeDialog integration={i} />
                <ImportHsmDialog integration={i} />
              </div>
            ) : null,
          )}
          {byHand.length > 0 ? (
            <p className="text-sm text-muted">
              {isAdmin
                ? "Wavy offers no API to list templates: add its HSM codes by hand or import them from a CSV."
                : "Wavy offers no API to list templates: an admin adds its HSM codes here."}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filter templates">
        <div className="relative w-full max-w-xs">
          <label htmlFor="template-search" className="sr-only">
            Search templates by name
          </label>
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted"
          />
          <Input
            id="template-search"
            type="search"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            disabled={!hydrated}
            placeholder="Name starts with…"
            className="pl-9"
            autoComplete="off"
          />
        </div>
        <Select value={filters.integrationId} onChange={set("integrationId")} aria-label="Integration">
          <option value="">All integrations</option>
          {integrations.map((i) => (
            <option key={i.id} value={i.id}>
              {i.label}
            </option>
          ))}
        </Select>
        <Select value={filters.status} onChange={set("status")} aria-label="Status">
          <option value="">All statuses</option>
          {templateStatuses.map((s) => (
            <option key={s} value={s}>
              {enumLabel(s)}
            </option>
          ))}
        </Select>
        <Select value={filters.language} onChange={set("language")} aria-label="Language">
          <option value="">All languages</option>
          {(options.data?.languages ?? (filters.language ? [filters.language] : [])).map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </Select>
        <Select value={filters.category} onChange={set("category")} aria-label="Category">
          <option value="">All categories</option>
          {templateCategories.map((c) => (
            <option key={c} value={c}>
              {enumLabel(c)}
            </option>
          ))}
        </Select>
        {filtered ? (
          <Button
            variant="ghost"
            onClick={() => {
              setFilters({ integrationId: "", status: "", language: "", category: "" });
              setSearchText(emptyView.search);
            }}
          >
            Clear filters
          </Button>
        ) : null}
      </div>

      <DataTable
        columns={columns}
        data={rows}
        caption="WhatsApp templates, by name then language"
        rowClassName={(t) => (t.missingSince || t.retiredAt ? "bg-surface/60" : undefined)}
        className="rounded-lg border border-line bg-white"
        pages={templates}
        state={{
          loading: templates.isPending && "Loading templates…",
          busy: loading,
          error: loadError("The templates", templates),
        }}
        empty={
          filtered
            ? {
                card: { icon: SearchX, title: "No templates match these filters" },
                message: "Search matches the start of a template name, such as “order_”. Try clearing a filter.",
              }
            : {
                card: { icon: FileText, title: "No templates yet" },
                message:
                  byHand.length > 0
                    ? isAdmin
                      ? "Add the HSM codes of your Wavy integration with Add HSM code, or import them from a CSV."
                      : "An admin adds the HSM codes of your Wavy integration here."
                    : syncable.length > 0
                      ? "Use Sync from Mitto to fetch the WhatsApp templates of your Mitto business accounts. A sync also runs every four hours."
                      : "Templates come from an active Mitto integration: an admin connects one under Integrations, then templates sync every four hours or on demand here.",
              }
        }
      />
    </div>
  );
}
