import type { Metadata } from "next";
import { requirePageRole } from "@/server/auth/guard";
import { AreaIntro } from "../_components/area-intro";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  await requirePageRole();
  return <AreaIntro area="templates" />;
}
