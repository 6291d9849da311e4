import { Plus, Upload } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { segmentsListInput, segmentsPaging } from "./_components/segments-query";
import { SegmentsTable } from "./_components/segments-table";

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
            <Link
              href="/segments/upload"
              className="inline-flex items-center gap-2 rounded-md border border-line bg-white px-3.5 py-2 text-sm font-medium hover:bg-surface"
            >
              <Upload aria-hidden className="size-4" /> Upload a list
            </Link>
            <Link
              href="/segments/new"
              className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
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
