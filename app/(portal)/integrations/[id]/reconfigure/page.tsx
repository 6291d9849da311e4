import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { sandboxAllowed } from "@/server/env";
import { catalog } from "../../_components/catalog";
import { Wizard } from "../../_components/wizard";

export const metadata: Metadata = { title: "Reconfigure integration" };

export default async function ReconfigurePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin");
  const { id } = await params;
  const integration = await getQueryClient()
    .fetchQuery(trpc.integration.get.queryOptions({ id }))
    .catch(() => null);
  if (!integration || integration.status === "uninstalled") notFound();
  return (
    <>
      <PageHeader
        title={`Reconfigure ${integration.label}`}
        description={`${catalog[integration.vendor].name}. Stored secrets stay as they are unless you type new ones.`}
      />
      <Wizard vendor={integration.vendor} existing={integration} sandboxAllowed={sandboxAllowed()} />
    </>
  );
}
