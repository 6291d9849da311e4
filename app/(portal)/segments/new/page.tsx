import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { requirePageRole } from "@/server/auth/guard";
import { SegmentEditor } from "../_components/segment-editor";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const metadata: Metadata = { title: "New segment" };

export default async function NewSegmentPage() {
  await requirePageRole();
  return (
    <>
      <PageHeader
        title="New segment"
        description="Combine conditions in AND/OR groups. The count and the preview follow your edits; saving keeps the count as the segment's last count."
        actions={
          <Link href="/segments" className={buttonClasses("secondary")}>
            Back to segments
          </Link>
        }
      />
      <SegmentEditor />
    </>
  );
}
