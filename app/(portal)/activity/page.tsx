import type { Metadata } from "next";
import { requirePageRole } from "@/server/auth/guard";
import { AreaIntro } from "../_components/area-intro";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage() {
  await requirePageRole();
  return <AreaIntro area="activity" />;
}
