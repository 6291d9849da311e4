import { Plus, Upload } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { segmentsListInput, segmentsPaging } from "./_components/segments-query";
import { SegmentsTable } from "./_components/segments-table";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const metadata: Metadata = { title: "Segments" };

export default async function SegmentsPage() {
  // Both roles build and use segments.
  await requirePageRole();
  void getQueryClient().prefetchInfiniteQuery(
    trpc.segment.list.infiniteQueryOptions(segmentsListInput, segmentsPaging),
  );
  return (
    <>
      <PageHeader
        title="Segments"
        description="Groups of contacts built from fields, custom attributes, consent and message history, or uploaded as a list."
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href="/segments/upload" className={buttonClasses("secondary")}>
              <Upload aria-hidden className="size-4" /> Upload a list
            </Link>
            <Link href="/segments/new" className={buttonClasses()}>
              <Plus aria-hidden className="size-4" /> New segment
            </Link>
          </div>
        }
      />
      <HydrateClient>
        <SegmentsTable />
      </HydrateClient>
    </>
  );
}
