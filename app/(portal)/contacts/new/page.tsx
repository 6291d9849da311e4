import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { requirePageRole } from "@/server/auth/guard";
import { timeZones } from "@/server/lib/time-zones";
import { NewContact } from "../_components/new-contact";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const metadata: Metadata = { title: "New record" };

export default async function NewContactPage() {
  await requirePageRole();
  return (
    <>
      <PageHeader
        title="New record"
        description="Add one contact to the profile list. A mobile number or an email address is required; the permission statuses you set are recorded in the contact's consent history."
        actions={
          <Link href="/contacts" className={buttonClasses("secondary")}>
            Back to contacts
          </Link>
        }
      />
      <NewContact timeZones={timeZones()} />
    </>
  );
}
