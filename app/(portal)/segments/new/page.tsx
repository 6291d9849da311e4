import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { requirePageRole } from "@/server/auth/guard";
import { SegmentEditor } from "../_components/segment-editor";

export const metadata: Metadata = { title: "New segment" };

export default async function NewSegmentPage() {
  await requirePageRole();
  return (
    <>
      <PageHeader
        title="New segment"
        description="Combine conditions in AND/OR groups. The count and the preview follow your edits; saving keeps the count as the segment's last count."
        actions={
          <Link
            href="/segments"
            className="inline-flex items-center rounded-md border border-line bg-white px-3.5 py-2 text-sm font-medium hover:bg-surface"
          >
            Back to segments
          </Link>
        }
      />
      <SegmentEditor />
    </>
  );
}
