"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, ArrowUpDown, Search, SearchX, Users } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { EmptyState } from "@/app/_components/empty-state";
import { Button } from "@/app/_components/ui/button";
import { DataTable } from "@/app/_components/ui/table";
import { Input } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import { ConsentBadges } from "./consent-badges";
import { contactsPaging, listInput, paramsFromView, type ContactsView } from "./contacts-query";
import { displayName, formatWhen } from "./labels";
import { useDebouncedValue } from "@/app/_components/use-debounced-value";
import { LoadMore } from "@/app/_components/load-more";

type SortKey = ContactsView["sort"];
// The direction a column starts in when first chosen: names A→Z, dates newest first.
const firstOrder: Record<SortKey, ContactsView["order"]> = { name: "asc", created: "desc", modified: "desc" };
const sortLabels: Record<SortKey, string> = {
  name: "last name, then first name",
  created: "date created",
  modified: "date modified",
};

function SortHeader({
  label,
  column,
  view,
  onSort,
}: {
  label: string;
  column: SortKey;
  view: ContactsView;
  onSort: (column: SortKey) => void;
}) {
  const active = view.sort === column;
  const Icon = !active ? ArrowUpDown : view.order === "asc" ? ArrowUp : ArrowDown;
  return (
    <th
      scope="col"
      aria-sort={active ? (view.order === "asc" ? "ascending" : "descending") : "none"}
      className="px-4 py-2"
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        className="-mx-2 inline-flex items-center gap-1 rounded px-2 py-1 uppercase hover:bg-line/60 hover:text-ink"
      >
        {label}
        <Icon aria-hidden className={active ? "size-3.5 text-ink" : "size-3.5 opacity-50"} />
      </button>
    </th>
  );
}

export function ContactsTable({ initial }: { initial: ContactsView }) {
  const trpc = useTRPC();
  const [searchText, setSearchText] = useState(initial.search);
  const [sorting, setSorting] = useState({ sort: initial.sort, order: initial.order });
  const search = useDebouncedValue(searchText.trim(), 300);
  const view: ContactsView = { search, ...sorting };
  // Keeps the rows on screen while the next search or sort loads, instead of flashing empty.
  const contacts = useInfiniteQuery({
    ...trpc.contact.list.infiniteQueryOptions(listInput(view), contactsPaging),
    placeholderData: keepPreviousData,
  });
  const rows = contacts.data?.pages.flatMap((p) => p.items) ?? [];

  // The address bar follows the search and sort, without a server round trip.
  const query = paramsFromView(view);
  useEffect(() => {
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${query}`);
  }, [query]);

  const onSort = (column: SortKey) =>
    setSorting((s) =>
      s.sort === column
        ? { sort: column, order: s.order === "asc" ? "desc" : "asc" }
        : { sort: column, order: firstOrder[column] },
    );

  const loading = contacts.isPending || (contacts.isPlaceholderData && contacts.isFetching);
  const status = contacts.isPending
    ? "Loading contacts…"
    : `${rows.length}${contacts.hasNextPage ? "+" : ""} ${rows.length === 1 ? "contact" : "contacts"}${search ? ` matching “${search}”` : ""}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <div className="relative w-full max-w-md">
          <label htmlFor="contact-search" className="sr-only">
            Search contacts
          </label>
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted"
          />
          <Input
            id="contact-search"
            type="search"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            placeholder="Name, email or number (+44…)"
            className="pl-9"
            aria-describedby="contact-search-hint"
            autoComplete="off"
          />
        </div>
        <p id="contact-search-hint" className="text-sm text-muted" aria-live="polite">
          {loading && !contacts.isPending ? "Searching…" : status}
        </p>
      </div>

      {contacts.isError ? (
        <p role="alert" className="text-sm text-danger">
          The contacts could not be loaded: {contacts.error.message}
        </p>
      ) : contacts.isSuccess && rows.length === 0 && !search ? (
        <EmptyState icon={Users} title="No contacts yet">
          <p>
            Add your first contact with New record: a mobile number or an email address is enough, and you can record
            their WhatsApp, SMS and email consent as you go.
          </p>
          <p>
            <Link href="/contacts/new" className="font-medium text-brand-600 hover:underline">
              Create a record
            </Link>
          </p>
        </EmptyState>
      ) : contacts.isSuccess && rows.length === 0 ? (
        <EmptyState icon={SearchX} title={`No contacts match “${search}”`}>
          <p>
            Search finds the start of a first or last name, an email address, or a mobile number with its country code,
            such as +44 7911.
          </p>
          <p>
            <Button variant="secondary" onClick={() => setSearchText("")}>
              Clear the search
            </Button>
          </p>
        </EmptyState>
      ) : (
        <div className="rounded-lg border border-line bg-white">
          <DataTable
            busy={loading}
            caption={`Contacts, sorted by ${sortLabels[sorting.sort]}, ${sorting.order === "asc" ? "ascending" : "descending"}`}
            columns={[
              <SortHeader key="name" label="Name" column="name" view={view} onSort={onSort} />,
              "Mobile",
              "Email",
              "Consent",
              <SortHeader key="created" label="Created" column="created" view={view} onSort={onSort} />,
              <SortHeader key="modified" label="Modified" column="modified" view={view} onSort={onSort} />,
            ]}
          >
            {rows.map((c) => (
              <tr key={c.id}>
                <td className="px-4 py-3 font-medium">
                  <Link href={`/contacts/${c.id}`} className="text-brand-600 hover:underline">
                    {displayName(c) || <span className="text-muted italic">No name</span>}
                  </Link>
                </td>
                <td className="px-4 py-3 font-mono text-xs whitespace-nowrap">{c.mobileNumber ?? "—"}</td>
                <td className="px-4 py-3">{c.email ?? "—"}</td>
                <td className="px-4 py-3">
                  <ConsentBadges consent={c.consent} />
                </td>
                <td className="px-4 py-3 whitespace-nowrap">
                  <time dateTime={c.createdAt.toISOString()} suppressHydrationWarning>
                    {formatWhen(c.createdAt)}
                  </time>
                </td>
                <td className="px-4 py-3 whitespace-nowrap">
                  <time dateTime={c.modifiedAt.toISOString()} suppressHydrationWarning>
                    {formatWhen(c.modifiedAt)}
                  </time>
                </td>
              </tr>
            ))}
          </DataTable>
          {contacts.isPending ? <p className="p-4 text-sm text-muted">Loading contacts…</p> : null}
          <LoadMore pages={contacts} />
        </div>
      )}
    </div>
  );
}
