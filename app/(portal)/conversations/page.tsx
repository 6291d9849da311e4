import type { Metadata } from "next";
import { requirePageRole } from "@/server/auth/guard";
import { AreaIntro } from "../_components/area-intro";

export const metadata: Metadata = { title: "Conversations" };

export default async function ConversationsPage() {
  await requirePageRole();
  return <AreaIntro area="conversations" />;
}
