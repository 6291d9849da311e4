import type { Metadata } from "next";
import { requirePageRole } from "@/server/auth/guard";
import { AreaIntro } from "../_components/area-intro";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage() {
  await requirePageRole();
  return <AreaIntro area="contacts" />;
}
