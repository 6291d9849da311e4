import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { requirePageRole } from "@/server/auth/guard";
import { StaticUploadForm } from "../_components/static-upload-form";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const metadata: Metadata = { title: "Upload a list" };

export default async function UploadSegmentPage() {
  await requirePageRole();
  return (
    <>
      <PageHeader
        title="Upload a list"
        description="A static segment from a list of mobile numbers or email addresses. Each line is matched to a contact; the report names the lines that matched none or could not be read."
        actions={
          <Link href="/segments" className={buttonClasses("secondary")}>
            Back to segments
          </Link>
        }
      />
      <StaticUploadForm />
    </>
  );
}
