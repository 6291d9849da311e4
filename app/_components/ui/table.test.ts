import type { ColumnDef } from "@tanstack/react-table";
import { Inbox } from "lucide-react";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, loadError, type DataTableProps } from "./table";

type Row = { id: string; name: string; sent: number | null };
const columns: ColumnDef<Row>[] = [
  { id: "name", header: "Name", accessorFn: (r) => r.name, meta: { rowHeader: true } },
  { id: "sent", header: "Sent", accessorFn: (r) => r.sent ?? undefined, meta: { className: "tabular-nums" } },
  { id: "note", header: "Note", cell: () => "note" },
];
const rows: Row[] = [
  { id: "a", name: "Ada", sent: 3 },
  { id: "b", name: "Bo", sent: null },
];
const render = (props: Partial<DataTableProps<Row>>) =>
  renderToStaticMarkup(createElement(DataTable<Row>, { columns, data: rows, ...props }));

describe("DataTable", () => {
  it("names rows by their row header and shows a dash for a missing value", () => {
    const html = render({ caption: "People" });
    expect(html).toContain('<caption class="sr-only">People</caption>');
    expect(html).toContain('<th scope="row" class="px-4 py-3 text-left font-medium">Ada</th>');
    expect(html).toContain('<td class="px-4 py-3 tabular-nums">—</td>');
  });

  it("offers sorting only on columns with a value, when the table sorts", () => {
    expect(render({})).not.toContain("aria-sort");
    const html = render({ sortable: true });
    expect(html.match(/aria-sort="none"/g)).toHaveLength(2);
    expect(html).toMatch(/<th scope="col" class="px-4 py-3">Note<\/th>/);
  });

  it("shows the server's sort on its column", () => {
    const html = render({ serverSorting: { state: [{ id: "sent", desc: true }], onChange: () => {} } });
    expect(html).toContain('aria-sort="descending"');
    // The server sorts: the rows stay in the order they came.
    expect(html.indexOf(">Ada<")).toBeLessThan(html.indexOf(">Bo<"));
  });

  it("says why the list is missing, with a retry, instead of the table", () => {
    const error = loadError("The people", { error: { message: "offline" }, refetch: () => Promise.resolve() });
    const html = render({ state: { error } });
    expect(html).toContain('role="alert"');
    expect(html).toContain("The people could not be loaded: offline");
    expect(html).toContain("Try again");
    expect(html).not.toContain("<table");
  });

  it("shows the header and the loading line until the rows come, and the empty message after", () => {
    const empty = { message: "Nobody yet.", card: { icon: Inbox, title: "No people" } };
    const loading = render({ data: [], empty, state: { loading: "Loading people…" } });
    expect(loading).toContain("<table");
    expect(loading).toContain("Loading people…");
    expect(loading).not.toContain("Nobody yet.");
    const loaded = render({ data: [], empty });
    expect(loaded).not.toContain("<table");
    expect(loaded).toContain("No people");
    expect(loaded).toContain("<p>Nobody yet.</p>");
  });
});
