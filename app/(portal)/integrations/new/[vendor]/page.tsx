import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { requirePageRole } from "@/server/auth/guard";
import { sandboxAllowed } from "@/server/env";
import { vendors, type Vendor } from "@/server/vendors/settings";
import { catalog } from "../../_components/catalog";
import { Wizard } from "../../_components/wizard";

export const metadata: Metadata = { title: "Set up an integration" };

export default async function NewIntegrationPage({ params }: { params: Promise<{ vendor: string }> }) {
  await requirePageRole("admin");
  const { vendor } = await params;
  if (!vendors.includes(vendor as Vendor)) notFound();
  const entry = catalog[vendor as Vendor];
  return (
    <>
      <PageHeader title={`Set up ${entry.name}`} description={entry.summary} />
      <Wizard vendor={vendor as Vendor} sandboxAllowed={sandboxAllowed()} />
    </>
  );
}
