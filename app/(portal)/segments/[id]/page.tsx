import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { titleFrom } from "@/app/_components/page-title";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { segmentIdInput } from "@/server/domains/segment/schema";
import { EditSegment, SegmentTitle } from "../_components/segment-editor";
import { AnnexPush } from "./_components/annex-push";
import { AttentiveExport } from "./_components/attentive-export";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const generateMetadata = ({ params }: { params: Promise<{ id: string }> }) =>
  titleFrom("Segment", async () => {
    const { id } = segmentIdInput.parse(await params);
    return (await getQueryClient().fetchQuery(trpc.segment.get.queryOptions({ id }))).name;
  });

export default async function SegmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole();
  const parsed = segmentIdInput.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  // Awaited, so a segment of another workspace (or none) is a 404 rather than a broken editor.
  let segment;
  try {
    segment = await getQueryClient().fetchQuery(trpc.segment.get.queryOptions({ id }));
  } catch {
    notFound();
  }
  void getQueryClient().prefetchQuery(trpc.annex.targets.queryOptions());
  return (
    <>
      <PageHeader
        title={<SegmentTitle id={id} />}
        description="Edit the conditions and watch the count change, or look through a static segment's members."
        actions={
          <Link href="/segments" className={buttonClasses("secondary")}>
            Back to segments
          </Link>
        }
      />
      <HydrateClient>
        <EditSegment id={id} />
        <div className="mt-6 grid gap-6 lg:grid-cols-2">
          <AnnexPush segmentId={id} segmentName={segment.name} />
          <AttentiveExport segmentId={id} />
        </div>
      </HydrateClient>
    </>
  );
}
