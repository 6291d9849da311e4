import { REPORT_OVERDUE_MINUTES } from "@/server/domains/campaign/schema";
import type { CampaignData } from "./campaign-builder";
import { useFormat } from "@/app/_components/format";

type Funnel = CampaignData["funnel"];

/**
 * Queued → sent → delivered → read, then failed and skipped, as plain bars with their numbers
 * written out: each message counts at the furthest step it reached. The bars are decoration;
 * the numbers and percentages carry the information.
 */
export function FunnelChart({ funnel, reportsDelivery }: { funnel: Funnel; reportsDelivery: boolean }) {
  const format = useFormat();
  const audience = funnel.queued + funnel.skipped;
  const allSteps = [
    { key: "queued", label: "Queued", n: funnel.queued, of: funnel.queued, base: "of queued", bar: "bg-brand-500/50" },
    {
      key: "sent",
      label: reportsDelivery ? "Sent" : "Accepted",
      n: funnel.sent,
      of: funnel.queued,
      base: "of queued",
      bar: "bg-brand-500",
    },
    {
      key: "delivered",
      label: "Delivered",
      n: funnel.delivered,
      of: funnel.queued,
      base: "of queued",
      bar: "bg-success/70",
    },
    { key: "read", label: "Read", n: funnel.read, of: funnel.queued, base: "of queued", bar: "bg-success" },
    { key: "failed", label: "Failed", n: funnel.failed, of: funnel.queued, base: "of queued", bar: "bg-danger" },
    { key: "skipped", label: "Skipped", n: funnel.skipped, of: audience, base: "of the audience", bar: "bg-line" },
  ];
  // A vendor that reports no delivery (Attentive) can never show delivered or read messages.
  const steps = reportsDelivery ? allSteps : allSteps.filter((s) => s.key !== "delivered" && s.key !== "read");
  return (
    <section aria-labelledby="funnel-heading" className="rounded-lg border border-line bg-white p-5">
      <h2 id="funnel-heading" className="text-base font-semibold">
        Delivery funnel
      </h2>
      <p className="mt-1 text-sm text-muted">
        Each message counts at the furthest step it reached. Skipped contacts were left out before sending (no opt-in,
        opted out, no valid number, a missing value, refused by the vendor&apos;s check).
      </p>
      {reportsDelivery ? null : (
        <p className="mt-2 text-sm text-muted">
          This vendor only says it accepted a message; it reports no delivery, so none is shown.
        </p>
      )}
      {funnel.overdueReports > 0 ? (
        <p
          role="note"
          aria-label="Late delivery reports"
          className="mt-3 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm"
        >
          {format.count(funnel.overdueReports)} {funnel.overdueReports === 1 ? "message has" : "messages have"} no
          delivery report after {REPORT_OVERDUE_MINUTES} minutes. The vendor may still report them; until it does they
          count as sent.
        </p>
      ) : null}
      <table className="mt-4 w-full text-sm">
        <caption className="sr-only">Delivery funnel: messages per step, with the share of queued messages</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Messages</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => {
            const share = s.of > 0 ? s.n / s.of : 0;
            return (
              <tr key={s.key}>
                <th scope="row" className="w-24 py-1.5 pr-3 text-left font-medium">
                  {s.label}
                </th>
                <td className="py-1.5 pr-3 tabular-nums">
                  <div className="flex items-center gap-3">
                    <span
                      aria-hidden
                      className="h-3 flex-1 overflow-hidden rounded-full bg-surface ring-1 ring-line ring-inset"
                    >
                      <span className={`block h-full rounded-full ${s.bar}`} style={{ width: `${share * 100}%` }} />
                    </span>
                    <span className="w-16 text-right">{format.count(s.n)}</span>
                  </div>
                </td>
                <td className="w-36 py-1.5 text-right text-muted tabular-nums">
                  {format.percent(share)} <span className="sr-only">{s.base}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
