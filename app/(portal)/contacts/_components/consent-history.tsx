import { Badge } from "@/app/_components/ui/badge";
import { DataTable } from "@/app/_components/ui/table";
import type { ContactDetail } from "./contact-form";
import { channelLabels, formatWhen, sourceLabels, stateLabels } from "./labels";

// Who acted when no user did: the contact texting a keyword, or the vendor reporting an unsubscribe.
const noActor: Partial<Record<ContactDetail["history"][number]["source"], string>> = {
  keyword: "The contact",
  vendor_unsubscribe: "The vendor",
};

/** The ledger the current consent is derived from, newest first. */
export function ConsentHistory({ history, truncated }: { history: ContactDetail["history"]; truncated: boolean }) {
  return (
    <section aria-labelledby="consent-history-heading" className="rounded-lg border border-line bg-white">
      <div className="border-b border-line px-5 py-4">
        <h2 id="consent-history-heading" className="text-lg font-semibold">
          Consent history
        </h2>
        <p className="mt-1 text-sm text-muted">
          Every opt-in and opt-out for this contact, with where it came from. The current state per channel is the
          newest entry; on the same moment, an opt-out wins.
        </p>
      </div>
      {history.length === 0 ? (
        <p className="px-5 py-4 text-sm text-muted">
          Nothing recorded yet. Set a permission status with Edit; imports, opt-out keywords and vendor unsubscribes are
          recorded here too.
        </p>
      ) : (
        <DataTable columns={["When", "Channel", "Change", "Source", "By", "Evidence"]}>
          {history.map((e) => (
            <tr key={e.id}>
              <td className="px-4 py-3 whitespace-nowrap">
                <time dateTime={e.at.toISOString()} suppressHydrationWarning>
                  {formatWhen(e.at)}
                </time>
              </td>
              <td className="px-4 py-3">{channelLabels[e.channel]}</td>
              <td className="px-4 py-3">
                <Badge tone={e.state === "opt_in" ? "success" : "danger"}>{stateLabels[e.state]}</Badge>
              </td>
              <td className="px-4 py-3">{sourceLabels[e.source]}</td>
              <td className="px-4 py-3">
                {e.actorName ?? <span className="text-muted">{noActor[e.source] ?? "System"}</span>}
              </td>
              <td className="px-4 py-3 text-muted">{e.evidence ?? "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {truncated ? (
        <p className="border-t border-line px-4 py-3 text-sm text-muted">
          Showing the newest {history.length} entries.
        </p>
      ) : null}
    </section>
  );
}
