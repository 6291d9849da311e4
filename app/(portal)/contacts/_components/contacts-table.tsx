"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { ColumnDef, OnChangeFn, SortingState } from "@tanstack/react-table";
import { Search, SearchX, Users } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useFormat, When } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { Input } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import type { listContacts } from "@/server/domains/contact/list-contacts";
import { ConsentBadges } from "./consent-badges";
import { contactsPaging, listInput, paramsFromView, type ContactsView } from "./contacts-query";
import { displayName } from "./labels";
import { useDebouncedValue } from "@/app/_components/use-debounced-value";
import { useHydrated } from "@/app/_components/use-hydrated";

type SortKey = ContactsView["sort"];
type Contact = Awaited<ReturnType<typeof listContacts>>["items"][number];
const sortLabels: Record<SortKey, string> = {
  name: "last name, then first name",
  created: "date created",
  modified: "date modified",
};

// The server sorts this paged list, by the columns whose ids are its sort keys; a column starts
// in the direction people expect of it: names A→Z, dates newest first.
const columns: ColumnDef<Contact>[] = [
  {
    id: "name",
    header: "Name",
    accessorFn: displayName,
    sortDescFirst: false,
    meta: { className: "font-medium" },
    cell: ({ row: { original: c } }) => (
      <Link href={`/contacts/${c.id}`} className="text-brand-600 hover:underline">
        {displayName(c) || <span className="text-muted italic">No name</span>}
      </Link>
    ),
  },
  {
    id: "mobile",
    header: "Mobile",
    cell: ({ row }) => row.original.mobileNumber ?? "—",
    meta: { className: "font-mono text-xs whitespace-nowrap" },
  },
  { id: "email", header: "Email", cell: ({ row }) => row.original.email ?? "—" },
  { id: "consent", header: "Consent", cell: ({ row }) => <ConsentBadges consent={row.original.consent} /> },
  {
    id: "created",
    header: "Created",
    accessorFn: (c) => c.createdAt,
    sortDescFirst: true,
    meta: { className: "whitespace-nowrap" },
    cell: ({ row }) => <When value={row.original.createdAt} />,
  },
  {
    id: "modified",
    header: "Modified",
    accessorFn: (c) => c.modifiedAt,
    sortDescFirst: true,
    meta: { className: "whitespace-nowrap" },
    cell: ({ row }) => <When value={row.original.modifiedAt} />,
  },
];

export function ContactsTable({ initial }: { initial: ContactsView }) {
  const trpc = useTRPC();
  const format = useFormat();
  const hydrated = useHydrated();
  const [searchText, setSearchText] = useState(initial.search);
  const [sorting, setSorting] = useState({ sort: initial.sort, order: initial.order });
  const search = useDebouncedValue(searchText.trim(), 300);
  // The consent filter comes from the address (a dashboard link) and leaves through its Show all link.
  const view: ContactsView = { search, ...sorting, consent: initial.consent };
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

  const sortingState: SortingState = [{ id: sorting.sort, desc: sorting.order === "desc" }];
  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const [next] = typeof updater === "function" ? updater(sortingState) : updater;
    if (next) setSorting({ sort: next.id as SortKey, order: next.desc ? "desc" : "asc" });
  };

  const loading = contacts.isPending || (contacts.isPlaceholderData && contacts.isFetching);
  const total = contacts.data?.pages[0]?.total ?? 0;
  const status = contacts.isPending
    ? "Loading contacts…"
    : `${format.count(total)} ${total === 1 ? "contact" : "contacts"}${search ? ` matching “${search}”` : ""}`;

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
            // Only React searches: typed into before hydration, the search would be lost unseen.
            disabled={!hydrated}
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

      <DataTable
        columns={columns}
        data={rows}
        serverSorting={{ state: sortingState, onChange: onSortingChange }}
        caption={`Contacts, sorted by ${sortLabels[sorting.sort]}, ${sorting.order === "asc" ? "ascending" : "descending"}`}
        className="rounded-lg border border-line bg-white"
        pages={contacts}
        state={{
          loading: contacts.isPending && "Loading contacts…",
          busy: loading,
          error: loadError("The contacts", contacts),
        }}
        empty={
          search
            ? {
                card: { icon: SearchX, title: `No contacts match “${search}”` },
                message:
                  "Search finds the start of a first or last name, an email address, or a mobile number with its country code, such as +44 7911.",
                action: (
                  <Button variant="secondary" onClick={() => setSearchText("")}>
                    Clear the search
                  </Button>
                ),
              }
            : initial.consent
              ? {
                  card: { icon: Users, title: "No contacts with this consent" },
                  message: "No contact's current consent on this channel matches the filter.",
                  action: (
                    <Link href="/contacts" className="font-medium text-brand-600 hover:underline">
                      Show every contact
                    </Link>
                  ),
                }
              : {
                  card: { icon: Users, title: "No contacts yet" },
                  message:
                    "Add your first contact with New record: a mobile number or an email address is enough, and you can record their WhatsApp, SMS and email consent as you go.",
                  action: (
                    <Link href="/contacts/new" className="font-medium text-brand-600 hover:underline">
                      Create a record
                    </Link>
                  ),
                }
        }
      />
    </div>
  );
}
