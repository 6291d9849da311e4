"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { activityKeyLabel, activityRowLabel } from "@/app/_components/activity-labels";
import { Count, When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { DataTable } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/provider";
import type { getContactActivity } from "@/server/domains/responsys-jobs/get-contact-activity";

type Aggregate = { field: string; value: unknown };
type ActivityRow = { key: string; label: string; count: number | null; first: string | null; last: string | null };

const channelNames: Record<string, string> = { email: "Email", sms: "SMS" };
const eventNames: Record<string, string> = {
  sent: "Sent",
  delivered: "Delivered",
  bounced: "Bounced",
  opened: "Opened",
  clicked: "Clicked",
  opted_in: "Opted in",
  opted_out: "Opted out",
  complaint: "Complaint",
};
// Lists of names the contact screen shows in full; the per-hour maps and hashed URLs are for segments and reports.
const listFields = ["rs_offers", "rs_categories", "rs_segments", "rs_list_id"] as const;

const asText = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
const asList = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : [];

/** One row per channel and event with a count or a first/last time; zero counts with no times are left out. */
function activityRows(aggregates: Aggregate[]): ActivityRow[] {
  const rows = new Map<string, ActivityRow>();
  const row = (channel: string, stem: string) => {
    const key = `${channel}_${stem}`;
    const existing = rows.get(key);
    if (existing) return existing;
    const created: ActivityRow = { key, label: activityRowLabel(channel, stem), count: null, first: null, last: null };
    rows.set(key, created);
    return created;
  };
  for (const { field, value } of aggregates) {
    const count = /^(email|sms)_(.+)_ct$/.exec(field);
    if (count && typeof value === "number" && value > 0) row(count[1] ?? "", count[2] ?? "").count = value;
    const at = /^(email|sms)_(first|last)_(.+)_ts$/.exec(field);
    if (at && asText(value)) row(at[1] ?? "", at[3] ?? "")[at[2] === "first" ? "first" : "last"] = asText(value);
  }
  return [...rows.values()];
}

function WhenIso({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-muted">—</span>;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return <span>{iso}</span>;
  return <When value={at} />;
}

type ActivityEvent = Awaited<ReturnType<typeof getContactActivity>>["events"][number];
const whenColumn = (id: string, header: string, iso: (r: ActivityRow) => string | null): ColumnDef<ActivityRow> => ({
  id,
  header,
  accessorFn: (r) => iso(r) ?? undefined,
  meta: { className: "whitespace-nowrap" },
  cell: ({ row }) => <WhenIso iso={iso(row.original)} />,
});

// Both lists are whole on screen (the events are the latest few), so they sort there.
const countColumns: ColumnDef<ActivityRow>[] = [
  { id: "activity", header: "Activity", accessorFn: (r) => r.label, meta: { rowHeader: true } },
  {
    id: "count",
    header: "Count",
    accessorFn: (r) => r.count ?? undefined,
    meta: { className: "tabular-nums" },
    cell: ({ row: { original: r } }) =>
      r.count === null ? <span className="text-muted">—</span> : <Count value={r.count} />,
  },
  whenColumn("first", "First", (r) => r.first),
  whenColumn("last", "Last", (r) => r.last),
];

const eventColumns: ColumnDef<ActivityEvent>[] = [
  {
    id: "when",
    header: "When",
    accessorFn: (e) => e.occurredAt,
    sortingFn: "datetime",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row: { original: e } }) => <When value={e.occurredAt} />,
  },
  { id: "channel", header: "Channel", accessorFn: (e) => channelNames[e.channel] ?? e.channel },
  { id: "event", header: "Event", accessorFn: (e) => eventNames[e.eventType] ?? e.eventType },
  {
    id: "campaign",
    header: "Campaign",
    accessorFn: (e) => e.campaignId ?? undefined,
    meta: { className: "font-mono text-muted" },
  },
];

/** The Responsys activity aggregates kept on the contact (from import jobs) and the latest imported events. */
export function ContactActivity({ contactId }: { contactId: string }) {
  const trpc = useTRPC();
  const activity = useQuery({
    ...trpc.responsysJobs.contactActivity.queryOptions({ contactId }),
    retry: (failures, error) => error.data?.code !== "NOT_FOUND" && failures < 3,
  });

  // A missing contact is already reported by the record above this section.
  if (activity.isError && activity.error.data?.code === "NOT_FOUND") return null;

  const aggregates = activity.data?.aggregates ?? [];
  const events = activity.data?.events ?? [];
  const byField = new Map(aggregates.map((a) => [a.field, a.value]));
  const rows = activityRows(aggregates);
  const channels = asList(byField.get("channels"));
  const lastActive = asText(byField.get("last_active_ts"));
  const lists = listFields
    .map((field) => [field, asList(byField.get(field))] as const)
    .filter(([, values]) => values.length > 0);
  const campaignId = asText(byField.get("rs_campaign_id"));
  const empty = rows.length === 0 && events.length === 0 && !lastActive && channels.length === 0 && lists.length === 0;

  return (
    <section aria-labelledby="contact-activity-heading" className="rounded-lg border border-line bg-white">
      <div className="border-b border-line px-5 py-4">
        <h2 id="contact-activity-heading" className="text-lg font-semibold">
          Responsys activity
        </h2>
        <p className="mt-1 text-sm text-muted">
          Email and SMS activity imported from Responsys, summed per contact. Segments can use these counts and dates as
          Responsys activity conditions.
        </p>
      </div>

      {activity.isError ? (
        <p role="alert" className="px-5 py-4 text-sm">
          The activity could not be loaded: {activity.error.message}
        </p>
      ) : !activity.data ? (
        <p className="px-5 py-4 text-sm text-muted">Loading the activity…</p>
      ) : empty ? (
        <div className="px-5 py-4 text-sm text-muted">
          <p>No Responsys activity imported for this contact yet.</p>
          <p className="mt-1">
            An activity import job under{" "}
            <Link href="/responsys-jobs" className="text-brand-600 underline">
              Responsys jobs
            </Link>{" "}
            adds opens, clicks, sends and opt-outs here as it reads the SFTP folder.
          </p>
        </div>
      ) : (
        <div className="space-y-5 py-4">
          <dl className="grid gap-x-6 gap-y-3 px-5 text-sm sm:grid-cols-[12rem_1fr]">
            <div className="contents">
              <dt className="text-muted">{activityKeyLabel("last_active_ts")}</dt>
              <dd>
                <WhenIso iso={lastActive} />
              </dd>
            </div>
            <div className="contents">
              <dt className="text-muted">{activityKeyLabel("channels")}</dt>
              <dd className="flex flex-wrap gap-1">
                {channels.length ? (
                  channels.map((c) => <Badge key={c}>{channelNames[c] ?? c}</Badge>)
                ) : (
                  <span className="text-muted">—</span>
                )}
              </dd>
            </div>
            {campaignId ? (
              <div className="contents">
                <dt className="text-muted">Last Responsys campaign</dt>
                <dd className="font-mono">{campaignId}</dd>
              </div>
            ) : null}
            {lists.map(([field, values]) => (
              <div key={field} className="contents">
                <dt className="text-muted">{activityKeyLabel(field)}</dt>
                <dd className="break-words">{values.join(", ")}</dd>
              </div>
            ))}
          </dl>

          {rows.length ? (
            <DataTable
              columns={countColumns}
              data={rows}
              getRowId={(r) => r.key}
              sortable
              compact
              caption="Activity counts with first and last times"
            />
          ) : null}

          <div>
            <h3 className="mb-2 px-5 text-sm font-semibold">Latest events</h3>
            <DataTable
              columns={eventColumns}
              data={events}
              sortable
              compact
              caption="Latest Responsys events, newest first"
              empty={{ message: "No single events kept for this contact." }}
            />
          </div>
        </div>
      )}
    </section>
  );
}
