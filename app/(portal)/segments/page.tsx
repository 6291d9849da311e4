import type { Metadata } from "next";
import { requirePageRole } from "@/server/auth/guard";
import { AreaIntro } from "../_components/area-intro";

export const metadata: Metadata = { title: "Segments" };

export default async function SegmentsPage() {
  await requirePageRole();
  return <AreaIntro area="segments" />;
}
