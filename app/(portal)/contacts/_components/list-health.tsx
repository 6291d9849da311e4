import { DataTable } from "@/app/_components/ui/table";
import type { getListHealth } from "@/server/domains/contact/get-list-health";
import { channelLabels } from "./labels";

type Health = Awaited<ReturnType<typeof getListHealth>>;

const share = (n: number, total: number) =>
  `${n.toLocaleString("en-US")} (${total ? Math.round((n / total) * 100) : 0}%)`;

/** The profile list's health, as Responsys shows it: who may be messaged on each channel, at a glance. */
export function ListHealth({ health }: { health: Health }) {
  return (
    <section aria-labelledby="list-health-heading" className="mb-6 rounded-lg border border-line bg-white">
      <h2 id="list-health-heading" className="border-b border-line px-4 py-3 text-base font-semibold">
        List health
      </h2>
      <DataTable columns={["Channel", "Opt-in", "Opt-out", "Not recorded", "Total"]}>
        {health.channels.map((c) => (
          <tr key={c.channel}>
            <th scope="row" className="px-4 py-2 text-left font-medium">
              {channelLabels[c.channel]}
            </th>
            <td className="px-4 py-2">{share(c.optIn, health.total)}</td>
            <td className="px-4 py-2">{share(c.optOut, health.total)}</td>
            <td className="px-4 py-2">{share(c.notRecorded, health.total)}</td>
            <td className="px-4 py-2">{share(health.total, health.total)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
