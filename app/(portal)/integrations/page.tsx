import type { Metadata } from "next";
import { requirePageRole } from "@/server/auth/guard";
import { AreaIntro } from "../_components/area-intro";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  await requirePageRole("admin");
  return <AreaIntro area="integrations" />;
}
