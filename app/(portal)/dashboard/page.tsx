import type { Metadata } from "next";
import Link from "next/link";
import { Count } from "@/app/_components/format";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requirePageRole();
  const summary = await getQueryClient().fetchQuery(trpc.workspace.summary.queryOptions());
  const figures = [
    { label: "Contacts", value: summary.contacts, href: "/contacts" },
    { label: "Opted in to WhatsApp", value: summary.whatsappOptedIn, href: "/contacts" },
    {
      label: "Active integrations",
      value: summary.activeIntegrations,
      href: user.role === "admin" ? "/integrations" : undefined,
    },
    { label: "Campaigns", value: summary.campaigns, href: "/campaigns" },
  ];
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome back, ${user.name}. Here is where your workspace stands.`} />
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {figures.map((f) => (
          <div key={f.label} role="group" aria-label={f.label} className="rounded-lg border border-line bg-white p-5">
            <dt className="text-sm text-muted">{f.label}</dt>
            <dd className="mt-1 text-3xl font-semibold tabular-nums">
              <Count value={f.value} />
            </dd>
            {f.href ? (
              <Link href={f.href} className="mt-2 inline-block text-sm font-medium text-brand-600 hover:underline">
                View {f.label.toLowerCase()}
              </Link>
            ) : null}
          </div>
        ))}
      </dl>
    </>
  );
}
