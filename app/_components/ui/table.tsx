import { cn } from "./cn";

/** A column header: a plain label, or a whole <th> element (sortable, or visually hidden) with a key. */
export type Column = string | React.ReactElement;

/** The house table: scrolls sideways on narrow screens; rows go in as children. */
export function DataTable({
  columns,
  caption,
  busy,
  children,
}: {
  columns: Column[];
  caption?: string;
  busy?: boolean;
  children: React.ReactNode;
}) {
  return (
    <div className="overflow-x-auto" aria-busy={busy}>
      <table className="w-full text-left text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-surface text-xs text-muted uppercase">
          <tr>
            {columns.map((c) =>
              typeof c === "string" ? (
                <th key={c} scope="col" className="px-4 py-3">
                  {c}
                </th>
              ) : (
                c
              ),
            )}
          </tr>
        </thead>
        <tbody className={cn("divide-y divide-line", busy && "opacity-60")}>{children}</tbody>
      </table>
    </div>
  );
}
