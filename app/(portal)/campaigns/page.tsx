import type { Metadata } from "next";
import { requirePageRole } from "@/server/auth/guard";
import { AreaIntro } from "../_components/area-intro";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  await requirePageRole();
  return <AreaIntro area="campaigns" />;
}
