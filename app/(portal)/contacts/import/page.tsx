import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { PageHeader } from "@/app/_components/page-header";
import { requirePageRole } from "@/server/auth/guard";
import { ImportWizard } from "./_components/import-wizard";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const metadata: Metadata = { title: "Import contacts" };

export default async function ImportContactsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Both roles import contacts.
  await requirePageRole();
  // ?id= reopens an import's progress after a reload.
  const id = z.uuid().safeParse((await searchParams).id);
  return (
    <>
      <PageHeader
        title="Import contacts"
        description="Upload a CSV file, choose which contact field each column fills, and import it in the background. Rows that cannot be imported are listed by line, with the reason."
        actions={
          <Link href="/contacts" className={buttonClasses("secondary")}>
            Back to contacts
          </Link>
        }
      />
      <ImportWizard importId={id.success ? id.data : null} />
    </>
  );
}
