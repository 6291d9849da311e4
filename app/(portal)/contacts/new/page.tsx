import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { requirePageRole } from "@/server/auth/guard";
import { NewContact } from "../_components/new-contact";

export const metadata: Metadata = { title: "New record" };

export default async function NewContactPage() {
  await requirePageRole();
  return (
    <>
      <PageHeader
        title="New record"
        description="Add one contact to the profile list. A mobile number or an email address is required; the permission statuses you set are recorded in the contact's consent history."
        actions={
          <Link
            href="/contacts"
            className="inline-flex items-center rounded-md border border-line bg-white px-3.5 py-2 text-sm font-medium hover:bg-surface"
          >
            Back to contacts
          </Link>
        }
      />
      <NewContact />
    </>
  );
}
