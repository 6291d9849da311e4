"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { AlertTriangle, MessagesSquare, Plug, Send } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { useFormat } from "@/app/_components/format";
import { useTRPC } from "@/app/_trpc/provider";
import type { getDashboard } from "@/server/domains/dashboard/get-dashboard";
import { dashboardPeriods } from "@/server/domains/dashboard/periods";
import type { IntegrationProblem } from "@/server/domains/integration/problems";
import { firstPeriod } from "./dashboard-query";

export type Overview = Awaited<ReturnType<typeof getDashboard>>;
type Period = (typeof dashboardPeriods)[number];

// Every figure here moves on its own: asked again every 10 s while the page is open.
const REFRESH_MS = 10_000;
const channelNames = { whatsapp: "WhatsApp", sms: "SMS", email: "email" } as const;

const chartBox = () => <div className="h-64 animate-pulse rounded-md bg-surface" />;
const SendsChart = dynamic(() => import("./charts").then((m) => m.SendsChart), { ssr: false, loading: chartBox });
const OptOutsChart = dynamic(() => import("./charts").then((m) => m.OptOutsChart), { ssr: false, loading: chartBox });

function Card({
  title,
  icon: Icon,
  link,
  className = "",
  children,
}: {
  title: string;
  icon?: typeof Send;
  link?: { href: string; label: string };
  className?: string;
  children: React.ReactNode;
}) {
  const id = `card-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className={`flex flex-col rounded-lg border border-line bg-white p-5 ${className}`}>
      <div className="mb-3 flex items-start justify-between gap-3">
        <h2 id={id} className="flex items-center gap-2 text-base font-semibold">
          {Icon ? <Icon aria-hidden className="size-4 text-brand-600" /> : null}
          {title}
        </h2>
        {link ? (
          <Link href={link.href} className="shrink-0 text-sm font-medium text-brand-600 hover:underline">
            {link.label}
          </Link>
        ) : null}
      </div>
      <div className="flex-1">{children}</div>
    </section>
  );
}

function SendingNow({ campaigns }: { campaigns: Overview["sending"] }) {
  const format = useFormat();
  if (campaigns.length === 0)
    return (
      <p className="text-sm text-muted">
        No campaign is sending right now. Launched campaigns show their progress, pace and finish time here.
      </p>
    );
  return (
    <ul className="divide-y divide-line">
      {campaigns.map((c) => {
        const percent = c.queued > 0 ? Math.floor((c.processed / c.queued) * 100) : 0;
        const label = `${c.name} progress`;
        return (
          <li key={c.id} aria-label={c.name} className="space-y-1.5 py-3 first:pt-0 last:pb-0">
            <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <Link href={`/campaigns/${c.id}`} className="font-medium text-brand-600 hover:underline">
                {c.name}
              </Link>
              <span className="tabular-nums">
                {format.count(c.processed)} of {format.count(c.queued)} · {percent}%
              </span>
            </div>
            <div
              role="progressbar"
              aria-label={label}
              aria-valuemin={0}
              aria-valuemax={c.queued}
              aria-valuenow={c.processed}
              aria-valuetext={`${format.count(c.processed)} of ${format.count(c.queued)} messages processed (${percent}%)`}
              className="h-2.5 overflow-hidden rounded-full bg-surface ring-1 ring-line ring-inset"
            >
              <div
                className="h-full rounded-full bg-brand-600 transition-[width] duration-500"
                style={{ width: `${percent}%` }}
              />
            </div>
            <p className="text-xs text-muted" suppressHydrationWarning>
              {c.pace.achieved ? `${format.count(c.pace.achieved)} msg/s` : "Starting"} of the sender&apos;s{" "}
              {format.count(c.pace.configured)} msg/s
              {c.finishesAt
                ? ` · finishes ${c.finishesAt.getTime() - Date.now() < 60_000 ? "in under a minute" : format.relative(c.finishesAt)}`
                : null}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

/** A count and what it counts, linking to the list of exactly those (none where the reader has no such list). */
function Figure({ value, label, href, tone }: { value: number; label: string; href?: string; tone?: "danger" }) {
  const format = useFormat();
  const body = (
    <>
      <span
        className={`block text-2xl font-semibold tabular-nums ${tone === "danger" && value > 0 ? "text-danger" : ""}`}
      >
        {format.count(value)}
      </span>{" "}
      <span className="text-sm text-muted">{label}</span>
    </>
  );
  const box = "block rounded-md border border-line p-3";
  return href ? (
    <Link href={href} className={`${box} hover:border-brand-500 focus-visible:border-brand-500`}>
      {body}
    </Link>
  ) : (
    <div className={box}>{body}</div>
  );
}

function problemText(p: IntegrationProblem, count: (n: number) => string) {
  if (p.kind === "error") return "In error";
  if (p.kind === "failures") return `${count(p.failed)} failed ${p.failed === 1 ? "call" : "calls"} in 24 h`;
  return `Silent webhooks: ${count(p.awaitingReports)} awaiting reports over ${p.hours} h`;
}

function IntegrationProblems() {
  const trpc = useTRPC();
  const format = useFormat();
  const problems = useQuery({ ...trpc.dashboard.integrationProblems.queryOptions(), refetchInterval: REFRESH_MS });
  const list = problems.data ?? [];
  return (
    <Card
      title="Integrations needing attention"
      icon={Plug}
      link={{ href: "/integrations?health=problems", label: "View them" }}
    >
      {problems.isPending ? (
        <p className="text-sm text-muted">Checking integrations…</p>
      ) : list.length === 0 ? (
        <p className="text-sm text-muted">Every integration is healthy: no errors, failed calls or silent webhooks.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {list.map((i) => (
            <li key={i.id} className="flex items-start gap-2">
              <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
              <span>
                <Link href={`/integrations/${i.id}`} className="font-medium text-brand-600 hover:underline">
                  {i.label}
                </Link>
                <span className="block text-muted">
                  {i.problems.map((p) => problemText(p, format.count)).join(" · ")}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The dashboard: what is sending, what waits for someone, and how the period's sends went. */
export function Dashboard({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const format = useFormat();
  const [days, setDays] = useState<Period>(firstPeriod);
  const overview = useQuery({
    ...trpc.dashboard.overview.queryOptions({ days }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const summary = useQuery({ ...trpc.workspace.summary.queryOptions(), refetchInterval: REFRESH_MS });
  const data = overview.data;
  if (overview.isError)
    return (
      <p role="alert" className="rounded-lg border border-line bg-white p-5 text-sm">
        The dashboard could not be loaded: {overview.error.message}
      </p>
    );
  if (!data) return <p className="text-sm text-muted">Loading the dashboard…</p>;
  const { sends, optOuts, conversations } = data;
  const optedOutLinks = (["whatsapp", "sms", "email"] as const).filter((c) => optOuts.totals[c] > 0);

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-3">
        <Card
          title="Sending now"
          icon={Send}
          className="lg:col-span-2"
          link={{ href: "/campaigns?status=sending", label: "View campaigns sending" }}
        >
          <SendingNow campaigns={data.sending} />
        </Card>
        <Card title="Conversations" icon={MessagesSquare}>
          <div className="grid grid-cols-2 gap-3">
            <Figure value={conversations.waiting} label="waiting for an answer" href="/conversations?filter=waiting" />
            <Figure
              value={conversations.overdue}
              label="past their service level"
              href="/conversations?filter=overdue"
              tone="danger"
            />
          </div>
        </Card>
      </div>

      <section aria-labelledby="period-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="period-heading" className="text-lg font-semibold">
            Last {days} days
          </h2>
          <div role="group" aria-label="Period" className="inline-flex rounded-md border border-line bg-white p-0.5">
            {dashboardPeriods.map((d) => (
              <button
                key={d}
                type="button"
                aria-pressed={days === d}
                onClick={() => setDays(d)}
                className={`rounded px-3 py-1.5 text-sm font-medium ${days === d ? "bg-brand-600 text-white" : "text-ink hover:bg-surface"}`}
              >
                {d} days
              </button>
            ))}
          </div>
        </div>
        <div className="grid gap-6 lg:grid-cols-3">
          <Card
            title="Sends and delivery"
            className="lg:col-span-2"
            link={{ href: "/campaigns", label: "View campaigns" }}
          >
            <dl className="mb-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
              {[
                ["Sent", format.count(sends.totals.sent)],
                ["Delivered", sends.totals.deliveredRate === null ? "—" : format.percent(sends.totals.deliveredRate)],
                ["Read", sends.totals.readRate === null ? "—" : format.percent(sends.totals.readRate)],
                ["Failed", sends.totals.failedRate === null ? "—" : format.percent(sends.totals.failedRate)],
              ].map(([label, value]) => (
                <div key={label}>
                  <dt className="text-muted">{label}</dt>
                  <dd className="text-xl font-semibold tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
            <SendsChart sends={sends} />
          </Card>
          <Card title="Opt-outs">
            <p className="mb-3 text-sm">
              <span className="text-xl font-semibold tabular-nums">{format.count(optOuts.total)}</span>{" "}
              {optedOutLinks.length > 0 ? (
                optedOutLinks.map((c, i) => (
                  <span key={c}>
                    {i > 0 ? " · " : null}
                    <Link
                      href={`/contacts?channel=${c}&consent=opt_out`}
                      className="font-medium text-brand-600 hover:underline"
                    >
                      {format.count(optOuts.totals[c])} {channelNames[c]}
                    </Link>
                  </span>
                ))
              ) : (
                <span className="text-muted">none in this period</span>
              )}
            </p>
            <OptOutsChart optOuts={optOuts} />
          </Card>
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-3">
        {isAdmin ? <IntegrationProblems /> : null}
        <Card title="Workspace" className={isAdmin ? "lg:col-span-2" : "lg:col-span-3"}>
          {summary.data ? (
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              <Figure value={summary.data.contacts} label="contacts" href="/contacts" />
              <Figure
                value={summary.data.whatsappOptedIn}
                label="opted in to WhatsApp"
                href="/contacts?channel=whatsapp&consent=opt_in"
              />
              <Figure
                value={summary.data.activeIntegrations}
                label="active integrations"
                href={isAdmin ? "/integrations" : undefined}
              />
              <Figure value={summary.data.campaigns} label="campaigns" href="/campaigns" />
            </div>
          ) : (
            <p className="text-sm text-muted">Loading…</p>
          )}
        </Card>
      </div>
    </div>
  );
}
