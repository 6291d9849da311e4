"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useFormat } from "@/app/_components/format";
import type { Overview } from "./dashboard";

// Loaded on its own (next/dynamic in dashboard.tsx): the chart library stays out of the page's
// first load. The charts are pictures of the tables under them; each says in words what it
// shows (aria-label), and its table, one click away, carries every figure.

const colors = {
  sent: "var(--color-brand-500)",
  delivered: "var(--color-success)",
  read: "var(--color-brand-700)",
  failed: "var(--color-danger)",
  whatsapp: "var(--color-success)",
  sms: "var(--color-brand-500)",
  email: "var(--color-warning)",
};
// Every axis reads the same: small muted ticks, no lines.
const axis = { tick: { fontSize: 12, fill: "var(--color-muted)" }, tickLine: false, axisLine: false } as const;

function ChartTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer font-medium text-brand-600 hover:underline">Show as table</summary>
      <div className="mt-2 max-h-72 overflow-auto">
        <table className="w-full text-left tabular-nums">
          <caption className="sr-only">{caption}</caption>
          <thead className="text-muted">
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" className={`py-1 pr-3 font-medium ${i > 0 ? "text-right" : ""}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([first, ...rest]) => (
              <tr key={first} className="border-t border-line">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {first}
                </th>
                {rest.map((cell, i) => (
                  <td key={i} className="py-1 pr-3 text-right">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Messages handed over per day (bars) with the shares delivered, read and failed (lines, right axis). */
export function SendsChart({ sends }: { sends: Overview["sends"] }) {
  const format = useFormat();
  const { totals } = sends;
  const share = (r: number | null) => (r === null ? "—" : format.percent(r));
  const summary =
    totals.sent === 0
      ? `No messages sent in the last ${sends.days.length} days.`
      : `${format.count(totals.sent)} messages sent in the last ${sends.days.length} days: ${share(totals.deliveredRate)} delivered, ${share(totals.readRate)} read, ${share(totals.failedRate)} failed.`;
  const data = sends.days.map((d) => ({
    ...d,
    label: format.shortDay(d.day),
    // Percent points for the lines; a day without sends has no share to draw.
    deliveredPct: d.deliveredRate === null ? null : d.deliveredRate * 100,
    readPct: d.readRate === null ? null : d.readRate * 100,
    failedPct: d.failedRate === null ? null : d.failedRate * 100,
  }));
  return (
    <>
      <div role="img" aria-label={summary} className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: -8 }}>
            <CartesianGrid vertical={false} stroke="var(--color-line)" />
            <XAxis dataKey="label" {...axis} minTickGap={12} />
            <YAxis yAxisId="n" allowDecimals={false} tickFormatter={format.count} {...axis} width={52} />
            <YAxis
              yAxisId="pct"
              orientation="right"
              domain={[0, 100]}
              tickFormatter={(v: number) => `${v}%`}
              {...axis}
              width={44}
            />
            <Tooltip
              formatter={(value, name) =>
                typeof value === "number" && name !== "Sent" ? format.percent(value / 100) : String(value)
              }
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="n" dataKey="sent" name="Sent" fill={colors.sent} fillOpacity={0.35} radius={[3, 3, 0, 0]} />
            {(
              [
                ["deliveredPct", "Delivered", colors.delivered],
                ["readPct", "Read", colors.read],
                ["failedPct", "Failed", colors.failed],
              ] as const
            ).map(([key, name, stroke]) => (
              <Line
                key={key}
                yAxisId="pct"
                dataKey={key}
                name={name}
                stroke={stroke}
                strokeWidth={2}
                dot={false}
                connectNulls
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption="Messages sent per day, with the shares delivered, read and failed"
        head={["Day", "Sent", "Delivered", "Read", "Failed"]}
        rows={sends.days.map((d) => [
          format.shortDay(d.day),
          format.count(d.sent),
          share(d.deliveredRate),
          share(d.readRate),
          share(d.failedRate),
        ])}
      />
    </>
  );
}

/** Opt-outs per day, stacked by channel. */
export function OptOutsChart({ optOuts }: { optOuts: Overview["optOuts"] }) {
  const format = useFormat();
  const { totals } = optOuts;
  const summary =
    optOuts.total === 0
      ? `No opt-outs in the last ${optOuts.days.length} days.`
      : `${format.count(optOuts.total)} opt-outs in the last ${optOuts.days.length} days: ${format.count(totals.whatsapp)} WhatsApp, ${format.count(totals.sms)} SMS, ${format.count(totals.email)} email.`;
  const data = optOuts.days.map((d) => ({ ...d, label: format.shortDay(d.day) }));
  return (
    <>
      <div role="img" aria-label={summary} className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: -8 }}>
            <CartesianGrid vertical={false} stroke="var(--color-line)" />
            <XAxis dataKey="label" {...axis} minTickGap={12} />
            <YAxis allowDecimals={false} tickFormatter={format.count} {...axis} width={52} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="whatsapp" name="WhatsApp" stackId="c" fill={colors.whatsapp} />
            <Bar dataKey="sms" name="SMS" stackId="c" fill={colors.sms} />
            <Bar dataKey="email" name="Email" stackId="c" fill={colors.email} radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption="Opt-outs per day and channel"
        head={["Day", "WhatsApp", "SMS", "Email"]}
        rows={optOuts.days.map((d) => [
          format.shortDay(d.day),
          format.count(d.whatsapp),
          format.count(d.sms),
          format.count(d.email),
        ])}
      />
    </>
  );
}
