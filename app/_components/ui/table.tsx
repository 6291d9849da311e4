"use client";

import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Header,
  type OnChangeFn,
  type RowData,
  type SortingFn,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, type LucideIcon } from "lucide-react";
import { useState } from "react";
import { EmptyState } from "../empty-state";
import { LoadMore, type Pages } from "../load-more";
import { Button } from "./button";
import { cn } from "./cn";

// How a column sorts on screen unless it says otherwise: text as people read it (case and
// accents aside, numbers inside by value), anything else by value. TanStack's "auto" picks a
// comparison from the rows after the tenth only, so a short list compared text case-sensitively
// and put "Wavy" before "uContact".
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
const byValue: SortingFn<unknown> = (a, b, id) => {
  const [x, y] = [a.getValue(id), b.getValue(id)];
  if (typeof x === "string" && typeof y === "string") return collator.compare(x, y);
  return (x as number) > (y as number) ? 1 : (x as number) < (y as number) ? -1 : 0;
};

declare module "@tanstack/react-table" {
  // The type parameters must match TanStack's declaration to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Classes for this column's cells; the padding comes from the table. */
    className?: string;
    /** The cell names its row (a <th scope="row">), as a row's first column can. */
    rowHeader?: boolean;
  }
}

/** What an empty list says: a page's main list in a card of its own, a list inside a section in a line. */
export type TableEmpty = {
  message: React.ReactNode;
  action?: React.ReactNode;
  card?: { icon: LucideIcon; title: string };
};

/** Where the rows are: not there yet, being replaced, or not to be had. */
export type TableState = {
  /** No rows yet: the header shows with this line under it (true: with nothing under it), and no empty message. */
  loading?: boolean | string;
  /** The rows on screen are being replaced (a refetch, a new filter): a bar pulses over the header. */
  busy?: boolean;
  /** The list could not be loaded: the message, and a button that asks again. */
  error?: { message: string; retry: () => void } | null;
};

export type DataTableProps<T> = {
  columns: ColumnDef<T>[];
  data: T[];
  /** Defaults to the row's string `id`. */
  getRowId?: (row: T, index: number) => string;
  /** Read by screen readers only. */
  caption?: string;
  /** Sorts the rows on screen by the columns that have an accessor; for lists shown whole, not paged from the server. */
  sortable?: boolean;
  /** The sort the server applies to a paged list: headers show it and ask for another. */
  serverSorting?: { state: SortingState; onChange: OnChangeFn<SortingState> };
  rowClassName?: (row: T) => string | undefined;
  /** Tighter rows, for tables inside a section. */
  compact?: boolean;
  /** The frame around the table, its messages and its footer. */
  className?: string;
  state?: TableState;
  /** Without it, an empty list shows just the header. */
  empty?: TableEmpty;
  /** A keyset-paged list: "Load more" under the rows while there is a next page. */
  pages?: Pages;
  moreLabel?: string;
};

/** A query's failure as a table shows it: "<what> could not be loaded: <why>", with a retry. */
export function loadError(what: string, query: { error: { message: string } | null; refetch: () => Promise<unknown> }) {
  if (!query.error) return null;
  return { message: `${what} could not be loaded: ${query.error.message}`, retry: () => void query.refetch() };
}

const rowIdOf = (row: unknown, index: number) =>
  typeof row === "object" && row !== null && "id" in row && typeof row.id === "string" ? row.id : String(index);

/**
 * The house data table on TanStack Table: columns and data in, one treatment for loading, errors
 * and empty lists, sorting from the column headers; scrolls sideways on narrow screens.
 */
export function DataTable<T>({
  columns,
  data,
  getRowId,
  caption,
  sortable = false,
  serverSorting,
  rowClassName,
  compact,
  className,
  state = {},
  empty,
  pages,
  moreLabel,
}: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({
    data,
    columns,
    getRowId: getRowId ?? rowIdOf,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    manualSorting: !!serverSorting,
    enableSorting: sortable || !!serverSorting,
    // A server sort always has a direction; on screen, a third click gives back the server's order.
    enableSortingRemoval: !serverSorting,
    enableMultiSort: false,
    // Nothing pages on screen. Left on, every new data array (a paged list makes one each render)
    // would reset a page index in the table's state, which renders again: a loop without end.
    autoResetPageIndex: false,
    state: { sorting: serverSorting?.state ?? sorting },
    onSortingChange: serverSorting?.onChange ?? setSorting,
    defaultColumn: {
      sortUndefined: "last",
      sortingFn: byValue as SortingFn<T>,
      cell: ({ getValue }) => getValue<React.ReactNode>() ?? "—",
    },
  });
  const { loading, busy, error } = state;
  const rows = table.getRowModel().rows;
  const showEmpty = !error && !loading && rows.length === 0 && empty;

  if (showEmpty && empty.card) {
    return (
      <EmptyState icon={empty.card.icon} title={empty.card.title}>
        <EmptyMessage {...empty} />
      </EmptyState>
    );
  }
  const padding = compact ? "px-4 py-2" : "px-4 py-3";
  return (
    <div className={className}>
      {error ? (
        <div className="flex flex-wrap items-center gap-3 p-4 text-sm">
          <p role="alert" className="text-danger">
            {error.message}
          </p>
          <Button variant="secondary" onClick={error.retry}>
            Try again
          </Button>
        </div>
      ) : showEmpty ? (
        <div className="space-y-2 p-4 text-sm text-muted">
          <EmptyMessage {...empty} />
        </div>
      ) : (
        <>
          <TableShell
            caption={caption}
            busy={busy}
            head={table.getFlatHeaders().map((header) => (
              <HeaderCell key={header.id} header={header} />
            ))}
          >
            {rows.map((row) => (
              <tr key={row.id} className={rowClassName?.(row.original)}>
                {row.getVisibleCells().map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                  return meta?.rowHeader ? (
                    <th key={cell.id} scope="row" className={cn(padding, "text-left font-medium", meta.className)}>
                      {content}
                    </th>
                  ) : (
                    <td key={cell.id} className={cn(padding, meta?.className)}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </TableShell>
          {typeof loading === "string" ? <p className="p-4 text-sm text-muted">{loading}</p> : null}
          {pages ? <LoadMore pages={pages} label={moreLabel} /> : null}
        </>
      )}
    </div>
  );
}

function EmptyMessage({ message, action }: TableEmpty) {
  return (
    <>
      {typeof message === "string" ? <p>{message}</p> : message}
      {action ? <p>{action}</p> : null}
    </>
  );
}

function HeaderCell<T>({ header }: { header: Header<T, unknown> }) {
  const label = flexRender(header.column.columnDef.header, header.getContext());
  if (!header.column.getCanSort()) {
    return (
      <th scope="col" className="px-4 py-3">
        {label}
      </th>
    );
  }
  const sorted = header.column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <th
      scope="col"
      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
      className="px-4 py-2"
    >
      <button
        type="button"
        onClick={header.column.getToggleSortingHandler()}
        className="-mx-2 inline-flex items-center gap-1 rounded px-2 py-1 uppercase hover:bg-line/60 hover:text-ink"
      >
        {label}
        <Icon aria-hidden className={sorted ? "size-3.5 text-ink" : "size-3.5 opacity-50"} />
      </button>
    </th>
  );
}

function TableShell({
  caption,
  busy,
  head,
  children,
}: {
  caption?: string;
  busy?: boolean;
  head: React.ReactNode;
  children: React.ReactNode;
}) {
  // A wide table scrolls inside its card. Relative, so that screen-reader-only text in a cell (laid
  // out with position: absolute) stays in the scrolled box instead of widening the whole page.
  return (
    <div className="relative overflow-x-auto" aria-busy={busy}>
      {/* A bar over the header, not dimmed rows: faded text would fall under readable contrast. */}
      {busy ? <div aria-hidden className="absolute inset-x-0 top-0 h-0.5 animate-pulse bg-brand-500" /> : null}
      <table className="w-full text-left text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-surface text-xs text-muted uppercase">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-line">{children}</tbody>
      </table>
    </div>
  );
}
